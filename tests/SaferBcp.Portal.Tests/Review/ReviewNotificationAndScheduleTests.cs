using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SaferBcp.Cms.Background;
using SaferBcp.Cms.Security;

namespace SaferBcp.Portal.Tests.Review;

/// <summary>Review with a portal of its own: a real SMTP server on loopback, or a clock the test moves.</summary>
public sealed class ReviewNotificationAndScheduleTests
{
    [Fact]
    public async Task Reviewers_get_an_email_with_a_link_to_the_submission_and_none_of_its_content()
    {
        await using var smtp = await LoopbackSmtpServer.StartNewAsync();
        using var portal = new PortalFactory().With("Email:PollInterval", "00:00:00.100");
        foreach (var (key, value) in smtp.Settings)
        {
            portal.With(key, value);
        }

        using var editor = await ReviewSteps.SignedInAsync(portal, "mail-editor", PortalRoles.Editor);
        await portal.CreateStaffAsync("mail-reviewer", PortalRoles.Reviewer);
        var id = await ReviewSteps.CreatePageAsync(editor, "Marram refuge rooms", "domestic-abuse/marram-refuge-rooms", "Seven rooms are free in Wallisdown.");
        await ReviewSteps.SubmitAsync(editor, id, note: "Rooms counted on Monday");

        var message = Assert.Single(await smtp.WaitForMessagesAsync(1));
        Assert.Equal("mail-reviewer@example.org", message.To.Mailboxes.Single().Address);
        int requestId;
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            requestId = (await scope.ServiceProvider.GetRequiredService<SaferBcp.Review.ReviewDbContext>().Requests.SingleAsync(r => r.ContentItemId == id)).Id;
        }

        var text = message.Subject + "\n" + message.TextBody + message.HtmlBody;
        Assert.Contains($"http://localhost/admin/review/{requestId}", text, StringComparison.Ordinal);
        foreach (var secret in new[] { "Marram", "refuge", "Wallisdown", "Seven rooms", "Rooms counted", "mail-editor" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
        }

        await Task.Delay(500);
        Assert.Single(smtp.Messages);
    }

    [Fact]
    public async Task A_submission_approved_for_a_later_time_goes_live_at_that_time_and_not_before()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        using var portal = new PortalFactory().WithServices(services => services.AddSingleton<TimeProvider>(clock));
        using var editor = await ReviewSteps.SignedInAsync(portal, "later-editor", PortalRoles.Editor);
        using var reviewer = await ReviewSteps.SignedInAsync(portal, "later-reviewer", PortalRoles.Reviewer);
        using var visitor = portal.Browser();
        var id = await ReviewSteps.CreatePageAsync(editor, "Christmas opening", "domestic-abuse/christmas-opening", "Open on Christmas Eve.");

        // 09:00 UK time on 1 December is 09:00 UTC (no summer time in December).
        await ReviewSteps.SubmitAsync(editor, id, date: "2026-12-01", time: "09:00");
        var requestId = ReviewSteps.RequestIdIn(await reviewer.GetStringAsync("/admin/review"), "Christmas opening");
        var review = await reviewer.GetStringAsync($"/admin/review/{requestId}");
        Assert.Contains("Approve and publish on 1 December 2026 at 09:00", review, StringComparison.Ordinal);
        using (var approve = await PortalFactory.PostFormAsync(reviewer, $"/admin/review/{requestId}", $"/admin/review/{requestId}/approve", new Dictionary<string, string>()))
        {
            Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);
        }

        using (var early = await visitor.GetAsync("/domestic-abuse/christmas-opening"))
        {
            Assert.Equal(HttpStatusCode.NotFound, early.StatusCode);
        }

        clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero) + ScheduledPublishingService.Every + TimeSpan.FromSeconds(1));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var page = await visitor.GetAsync("/domestic-abuse/christmas-opening");
            if (page.StatusCode == HttpStatusCode.OK)
            {
                Assert.Contains("Open on Christmas Eve.", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, "The approved page was not published at its time");
            await Task.Delay(200);
        }

        var audit = await ReviewSteps.AuditAsync(portal, id);
        Assert.Contains(audit, a => a.Action == "review.approved" && a.Summary!.Contains("to publish on 1 December 2026 at 09:00", StringComparison.Ordinal));
        Assert.Contains(audit, a => a.Action == "content.published" && a.UserName == "scheduler");
    }

    [Fact]
    public async Task Changing_a_draft_approved_for_later_cancels_its_publishing_time()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        using var portal = new PortalFactory().WithServices(services => services.AddSingleton<TimeProvider>(clock));
        using var editor = await ReviewSteps.SignedInAsync(portal, "change-editor", PortalRoles.Editor);
        using var reviewer = await ReviewSteps.SignedInAsync(portal, "change-reviewer", PortalRoles.Reviewer);
        using var visitor = portal.Browser();
        var id = await ReviewSteps.CreatePageAsync(editor, "New year hours", "domestic-abuse/new-year-hours", "Reviewed hours.");
        await ReviewSteps.SubmitAsync(editor, id, date: "2026-12-01", time: "09:00");
        var requestId = ReviewSteps.RequestIdIn(await reviewer.GetStringAsync("/admin/review"), "New year hours");
        using (await PortalFactory.PostFormAsync(reviewer, $"/admin/review/{requestId}", $"/admin/review/{requestId}/approve", new Dictionary<string, string>()))
        {
        }

        await ReviewSteps.SaveAsync(editor, id, ReviewSteps.Page("New year hours", "domestic-abuse/new-year-hours", "Unreviewed hours."));
        clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero) + ScheduledPublishingService.Every * 3);
        await Task.Delay(1500);

        using var page = await visitor.GetAsync("/domestic-abuse/new-year-hours");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains(await ReviewSteps.AuditAsync(portal, id), a => a.Action == "review.schedule-cancelled");
    }
}
