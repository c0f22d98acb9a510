using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Data;
using SaferBcp.Cms.Security;

namespace SaferBcp.Portal.Tests.Review;

/// <summary>
/// Review before publishing, through the real back office: the starting recipe makes domestic abuse pages (under
/// /domestic-abuse), referral forms and support services need a Reviewer's approval; Editors submit them instead.
/// </summary>
public sealed partial class ReviewBeforePublishingTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _portal;

    public ReviewBeforePublishingTests(PortalFactory portal) => _portal = portal;

    [Fact]
    public async Task An_editor_cannot_publish_a_domestic_abuse_page_even_by_posting_the_publish_address_and_is_offered_review_instead()
    {
        using var editor = await ReviewSteps.SignedInAsync(_portal, "review-editor-1", PortalRoles.Editor);
        using var visitor = _portal.Browser();
        var id = await ReviewSteps.CreatePageAsync(editor, "Refuges in Poole", "domestic-abuse/refuges-in-poole", "Words about refuges.");

        var edit = await editor.GetStringAsync($"/admin/content/{id}/edit");
        Assert.Contains("Submit for review", edit, StringComparison.Ordinal);
        Assert.DoesNotContain("Save and publish", edit, StringComparison.Ordinal);
        Assert.DoesNotContain("Publish now", edit, StringComparison.Ordinal);

        using (var publish = await PortalFactory.PostFormAsync(editor, $"/admin/content/{id}/edit", $"/admin/content/{id}/publish", new Dictionary<string, string>()))
        {
            ReviewSteps.AssertRefused(publish);
        }

        using (var saveAndPublish = await PortalFactory.PostFormAsync(editor, $"/admin/content/{id}/edit", $"/admin/content/{id}/edit",
            ReviewSteps.Page("Refuges in Poole", "domestic-abuse/refuges-in-poole", "Changed words.", submit: "publish")))
        {
            ReviewSteps.AssertRefused(saveAndPublish);
        }

        using (var schedule = await PortalFactory.PostFormAsync(editor, $"/admin/content/{id}/edit", $"/admin/content/{id}/schedule",
            new Dictionary<string, string> { ["kind"] = "publish", ["date"] = "2026-12-24", ["time"] = "09:00" }))
        {
            ReviewSteps.AssertRefused(schedule);
        }

        using var page = await visitor.GetAsync("/domestic-abuse/refuges-in-poole");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);

        // A page elsewhere needs no review: the same Editor still publishes it directly.
        var other = await editor.GetStringAsync($"/admin/content/{await ReviewSteps.CreatePageAsync(editor, "Bus times", "bus-times-review-check", "Words.")}/edit");
        Assert.Contains("Save and publish", other, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reviewer_sees_the_submission_beside_the_published_version_and_approving_puts_it_live_with_every_step_audited()
    {
        using var editor = await ReviewSteps.SignedInAsync(_portal, "review-editor-2", PortalRoles.Editor);
        using var reviewer = await ReviewSteps.SignedInAsync(_portal, "review-reviewer-2", PortalRoles.Reviewer);
        using var visitor = _portal.Browser();
        var id = await ReviewSteps.CreatePageAsync(reviewer, "Outreach in Boscombe", "domestic-abuse/outreach-boscombe", "Drop in on Tuesdays.", submit: "publish");
        Assert.Contains("Drop in on Tuesdays.", await visitor.GetStringAsync("/domestic-abuse/outreach-boscombe"), StringComparison.Ordinal);

        await ReviewSteps.SaveAsync(editor, id, ReviewSteps.Page("Outreach in Boscombe", "domestic-abuse/outreach-boscombe", "Drop in on Thursdays."));
        await ReviewSteps.SubmitAsync(editor, id, note: "The day changed in March");
        Assert.Contains("Waiting for review", await editor.GetStringAsync($"/admin/content/{id}/edit"), StringComparison.Ordinal);

        var queue = await reviewer.GetStringAsync("/admin/review");
        Assert.Contains("Outreach in Boscombe", queue, StringComparison.Ordinal);
        var requestId = ReviewSteps.RequestIdIn(queue, "Outreach in Boscombe");
        var review = await reviewer.GetStringAsync($"/admin/review/{requestId}");
        Assert.Contains("The day changed in March", review, StringComparison.Ordinal);
        Assert.Matches("<del>Tuesdays\\.?</del>", review);
        Assert.Matches("<ins>Thursdays\\.?</ins>", review);
        Assert.Contains("<p class=\"govuk-body\">Drop in on Thursdays.</p>", review, StringComparison.Ordinal);
        Assert.Contains("Drop in on Tuesdays.", await visitor.GetStringAsync("/domestic-abuse/outreach-boscombe"), StringComparison.Ordinal);

        using (var approve = await PortalFactory.PostFormAsync(reviewer, $"/admin/review/{requestId}", $"/admin/review/{requestId}/approve", new Dictionary<string, string>()))
        {
            Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);
        }

        Assert.Contains("Drop in on Thursdays.", await visitor.GetStringAsync("/domestic-abuse/outreach-boscombe"), StringComparison.Ordinal);
        Assert.Contains("Nothing is waiting for review.", await reviewer.GetStringAsync("/admin/review"), StringComparison.Ordinal);
        Assert.Contains("Approved by review-reviewer-2", await editor.GetStringAsync($"/admin/content/{id}/edit"), StringComparison.Ordinal);

        var audit = await ReviewSteps.AuditAsync(_portal, id);
        Assert.Equal(["content.published", "review.submitted", "content.published", "review.approved"], audit.Where(a => a.Action != "content.saved").Select(a => a.Action).ToArray());
        Assert.Contains(audit, a => a.Action == "review.submitted" && a.UserName == "review-editor-2");
        Assert.Contains(audit, a => a.Action == "review.approved" && a.UserName == "review-reviewer-2");
    }

    [Fact]
    public async Task An_editor_may_ask_for_a_review_of_any_page_and_the_reviewer_publishes_it()
    {
        using var editor = await ReviewSteps.SignedInAsync(_portal, "review-editor-5", PortalRoles.Editor);
        using var reviewer = await ReviewSteps.SignedInAsync(_portal, "review-reviewer-5", PortalRoles.Reviewer);
        using var visitor = _portal.Browser();
        var id = await ReviewSteps.CreatePageAsync(editor, "Community payback", "community-payback-review", "Unpaid work in parks.");
        var edit = await editor.GetStringAsync($"/admin/content/{id}/edit");
        Assert.Contains("Ask a Reviewer to check it before it goes live", edit, StringComparison.Ordinal);

        await ReviewSteps.SubmitAsync(editor, id, note: "Please check before it goes out");
        var requestId = ReviewSteps.RequestIdIn(await reviewer.GetStringAsync("/admin/review"), "Community payback");
        using (var approve = await PortalFactory.PostFormAsync(reviewer, $"/admin/review/{requestId}", $"/admin/review/{requestId}/approve", new Dictionary<string, string>()))
        {
            Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);
        }

        Assert.Contains("Unpaid work in parks.", await visitor.GetStringAsync("/community-payback-review"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sending_back_keeps_the_comments_for_the_editor_and_nothing_goes_live()
    {
        using var editor = await ReviewSteps.SignedInAsync(_portal, "review-editor-3", PortalRoles.Editor);
        using var reviewer = await ReviewSteps.SignedInAsync(_portal, "review-reviewer-3", PortalRoles.Reviewer);
        using var visitor = _portal.Browser();
        var id = await ReviewSteps.CreatePageAsync(editor, "Helpline hours", "domestic-abuse/helpline-hours-check", "Open every day.");
        await ReviewSteps.SubmitAsync(editor, id, note: "New page");
        var requestId = ReviewSteps.RequestIdIn(await reviewer.GetStringAsync("/admin/review"), "Helpline hours");

        using (var empty = await PortalFactory.PostFormAsync(reviewer, $"/admin/review/{requestId}", $"/admin/review/{requestId}/send-back", new Dictionary<string, string> { ["comment"] = " " }))
        {
            Assert.Equal(HttpStatusCode.Redirect, empty.StatusCode);
            Assert.Contains("Enter your comments for the editor", await reviewer.GetStringAsync(empty.Headers.Location!.OriginalString), StringComparison.Ordinal);
        }

        using (var sendBack = await PortalFactory.PostFormAsync(reviewer, $"/admin/review/{requestId}", $"/admin/review/{requestId}/send-back",
            new Dictionary<string, string> { ["comment"] = "Check the opening hours with the service first" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, sendBack.StatusCode);
        }

        var edit = await editor.GetStringAsync($"/admin/content/{id}/edit");
        Assert.Contains("Sent back by review-reviewer-3: Check the opening hours with the service first", edit, StringComparison.Ordinal);
        Assert.Contains("Submit for review", edit, StringComparison.Ordinal);
        using (var page = await visitor.GetAsync("/domestic-abuse/helpline-hours-check"))
        {
            Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        }

        // Once sent back it can no longer be approved.
        using (var late = await PortalFactory.PostFormAsync(reviewer, $"/admin/review/{requestId}", $"/admin/review/{requestId}/approve", new Dictionary<string, string>()))
        {
            Assert.Contains("no longer waiting for review", await reviewer.GetStringAsync(late.Headers.Location!.OriginalString), StringComparison.Ordinal);
        }

        using (var page = await visitor.GetAsync("/domestic-abuse/helpline-hours-check"))
        {
            Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        }

        var audit = await ReviewSteps.AuditAsync(_portal, id);
        Assert.Contains(audit, a => a.Action == "review.sent-back" && a.UserName == "review-reviewer-3");
        Assert.DoesNotContain(audit, a => a.Action is "content.published" or "review.approved");
    }

    [Fact]
    public async Task A_draft_changed_after_it_was_submitted_cannot_be_approved_until_submitted_again()
    {
        using var editor = await ReviewSteps.SignedInAsync(_portal, "review-editor-4", PortalRoles.Editor);
        using var reviewer = await ReviewSteps.SignedInAsync(_portal, "review-reviewer-4", PortalRoles.Reviewer);
        using var visitor = _portal.Browser();
        var id = await ReviewSteps.CreatePageAsync(editor, "Safety planning", "domestic-abuse/safety-planning-check", "Reviewed words.");
        await ReviewSteps.SubmitAsync(editor, id);
        var requestId = ReviewSteps.RequestIdIn(await reviewer.GetStringAsync("/admin/review"), "Safety planning");

        await ReviewSteps.SaveAsync(editor, id, ReviewSteps.Page("Safety planning", "domestic-abuse/safety-planning-check", "Unreviewed words."));
        using (var approve = await PortalFactory.PostFormAsync(reviewer, $"/admin/review/{requestId}", $"/admin/review/{requestId}/approve", new Dictionary<string, string>()))
        {
            Assert.Contains("no longer waiting for review", await reviewer.GetStringAsync(approve.Headers.Location!.OriginalString), StringComparison.Ordinal);
        }

        using var page = await visitor.GetAsync("/domestic-abuse/safety-planning-check");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
    }
}

/// <summary>The review steps as a member of staff takes them, through the back office's forms.</summary>
internal static partial class ReviewSteps
{
    public static Task<HttpClient> SignedInAsync(PortalFactory portal, string userName, string role) =>
        Security.StaffClients.SignedInAsync(portal, userName, role);

    /// <summary>Refused: the back office sends staff who may not do something to its "access denied" page.</summary>
    public static void AssertRefused(HttpResponseMessage response) =>
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden || response.Headers.Location?.OriginalString.Contains("/account/access-denied", StringComparison.Ordinal) == true,
            $"Expected a refusal, got {(int)response.StatusCode} {response.Headers.Location}");

    public static Dictionary<string, string> Page(string title, string path, string body, string submit = "save") => new()
    {
        ["TitlePart.Title"] = title,
        ["AutoroutePart.Path"] = path,
        ["ArticlePart.Summary"] = "A page made by a review test.",
        ["ArticlePart.Markdown"] = body,
        ["submit"] = submit,
    };

    public static async Task<string> CreatePageAsync(HttpClient client, string title, string path, string body, string submit = "save")
    {
        using var response = await PortalFactory.PostFormAsync(client, "/admin/content/new/Page", "/admin/content/new/Page", Page(title, path, body, submit));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return IdPattern().Match(response.Headers.Location!.ToString()).Groups[1].Value;
    }

    public static async Task SaveAsync(HttpClient client, string id, Dictionary<string, string> fields)
    {
        using var response = await PortalFactory.PostFormAsync(client, $"/admin/content/{id}/edit", $"/admin/content/{id}/edit", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    public static async Task SubmitAsync(HttpClient editor, string id, string note = "", string date = "", string time = "")
    {
        using var response = await PortalFactory.PostFormAsync(editor, $"/admin/content/{id}/edit", $"/admin/review/submit/{id}",
            new Dictionary<string, string> { ["note"] = note, ["date"] = date, ["time"] = time });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Submitted for review", await editor.GetStringAsync(response.Headers.Location!.OriginalString), StringComparison.Ordinal);
    }

    /// <summary>The id of the queue's entry whose link reads <paramref name="title"/>.</summary>
    public static string RequestIdIn(string queue, string title)
    {
        var match = Regex.Match(queue, "href=\"/admin/review/(\\d+)\">" + Regex.Escape(title) + "<");
        Assert.True(match.Success, $"\"{title}\" is not in the review queue");
        return match.Groups[1].Value;
    }

    public static async Task<List<AuditEntry>> AuditAsync(PortalFactory portal, string id)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CmsDbContext>().AuditEntries.AsNoTracking()
            .Where(a => a.SubjectId == id).OrderBy(a => a.Id).ToListAsync();
    }

    [GeneratedRegex("/admin/content/([^/]+)/edit")]
    private static partial Regex IdPattern();
}
