using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SaferBcp.Referrals;

namespace SaferBcp.Portal.Tests;

/// <summary>
/// A resident's domestic abuse self-referral through the real form pages of the real portal, with the real
/// outbox sending to a real SMTP server on loopback and a real SQLite file.
/// </summary>
public sealed partial class ReferralJourneyTests
{
    internal const string Form = "/refer-yourself/domestic-abuse";
    private const string Name = "Zelda Quickfox-Marlowe";
    private const string Phone = "07700 900461";
    private const string Email = "zelda.quickfox@example.org";
    private const string Story = "He took my keys and my bank card last Tuesday";

    private static PortalFactory Portal(LoopbackSmtpServer smtp)
    {
        var portal = new PortalFactory()
            .With("Email:PollInterval", "00:00:00.100")
            .With("Email:BackoffBase", "00:00:00.200")
            .With("Email:BackoffMax", "00:00:00.500")
            .With("Forms:RateLimitPermits", "1000");
        foreach (var (key, value) in smtp.Settings)
        {
            portal.With(key, value);
        }

        return portal;
    }

    private static async Task<HttpResponseMessage> AnswerAsync(HttpClient client, string page, Dictionary<string, string> fields)
    {
        var html = await client.GetStringAsync($"{Form}/{page}");
        fields["__RequestVerificationToken"] = PortalFactory.AntiforgeryToken(html);
        var response = await client.PostAsync($"{Form}/{page}", new FormUrlEncodedContent(fields));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"the '{page}' page refused the answers: {(int)response.StatusCode}");
        return response;
    }

    /// <summary>Answers every page of the domestic abuse form as a resident in Poole with all six risk indicators; returns the reference shown.</summary>
    private static async Task<string> CompleteReferralAsync(HttpClient client)
    {
        await AnswerEveryPageAsync(client);
        var check = await client.GetStringAsync($"{Form}/check");
        Assert.Contains(Name, check, StringComparison.Ordinal);
        using var sent = await client.PostAsync($"{Form}/check", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalFactory.AntiforgeryToken(check),
        }));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);

        var confirmation = await client.GetStringAsync($"{Form}/confirmation");
        Assert.Contains("<h1 class=\"govuk-panel__title\">Referral sent</h1>", confirmation, StringComparison.Ordinal);
        return ReferencePattern().Match(confirmation) is { Success: true } match
            ? match.Value
            : throw new Xunit.Sdk.XunitException("the confirmation page shows no reference");
    }

    /// <summary>Answers every question page of the domestic abuse form, up to (not including) check answers.</summary>
    internal static async Task AnswerEveryPageAsync(HttpClient client)
    {
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Form)).StatusCode);
        (await AnswerAsync(client, "danger", new() { ["in-danger"] = "no" })).Dispose();
        (await AnswerAsync(client, "about-you", new() { ["name"] = Name, ["area"] = "poole", ["age-band"] = "25-34" })).Dispose();
        (await AnswerAsync(client, "children", new() { ["children"] = "no" })).Dispose();
        (await AnswerAsync(client, "safety", new()
        {
            ["risk-injured"] = "yes", ["risk-frightened"] = "yes", ["risk-strangled"] = "yes",
            ["risk-threatened-kill"] = "yes", ["risk-getting-worse"] = "yes", ["risk-separation"] = "yes",
        })).Dispose();
        (await AnswerAsync(client, "what-is-happening", new() { ["what-is-happening"] = Story })).Dispose();
        (await AnswerAsync(client, "contact-phone", new() { ["safe-phone"] = Phone, ["safe-voicemail"] = "no", ["safe-text"] = "yes" })).Dispose();
        (await AnswerAsync(client, "contact-email-ok", new() { ["safe-email-ok"] = "yes" })).Dispose();
        (await AnswerAsync(client, "contact-email", new() { ["safe-email"] = Email })).Dispose();
        (await AnswerAsync(client, "contact-times", new() { ["safe-times"] = "Weekday mornings", ["someone-else"] = "Say you are from the dentist" })).Dispose();
    }

    private static async Task<int> ReferralCountAsync(IServiceProvider services, string? reference = null)
    {
        await using var scope = services.CreateAsyncScope();
        var referrals = scope.ServiceProvider.GetRequiredService<ReferralsDbContext>().Referrals.AsNoTracking();
        return reference is null ? await referrals.CountAsync() : await referrals.CountAsync(r => r.Reference == reference);
    }

    private static string Text(MimeMessage message) => $"{message.Subject}\n{message.TextBody}\n{message.HtmlBody}";

    [Fact]
    public async Task A_completed_referral_is_stored_encrypted_and_the_team_is_told_without_personal_details()
    {
        await using var smtp = await LoopbackSmtpServer.StartNewAsync();
        await using var portal = Portal(smtp);
        using var resident = portal.Browser();

        var reference = await CompleteReferralAsync(resident);

        Assert.Equal(1, await ReferralCountAsync(portal.Services, reference));
        var bytes = await portal.ReadEverythingStoredAsync();
        Assert.Contains(reference, bytes, StringComparison.Ordinal);
        Assert.DoesNotContain(Name, bytes, StringComparison.Ordinal);
        Assert.DoesNotContain(Phone, bytes, StringComparison.Ordinal);
        Assert.DoesNotContain(Phone.Replace(" ", "", StringComparison.Ordinal), bytes, StringComparison.Ordinal);
        Assert.DoesNotContain(Story, bytes, StringComparison.Ordinal);

        // Poole with six risk indicators: the team notification(s) and, because email was marked safe, an acknowledgement.
        var messages = await smtp.WaitForMessagesAsync(2, TimeSpan.FromSeconds(30));
        var acknowledgement = Assert.Single(messages, m => m.To.Mailboxes.Any(a => a.Address == Email));
        var teamMessages = messages.Where(m => m != acknowledgement).ToList();
        Assert.NotEmpty(teamMessages);
        foreach (var message in messages)
        {
            var text = Text(message);
            Assert.Contains(reference, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Name, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Quickfox", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Phone, text, StringComparison.Ordinal);
            Assert.DoesNotContain("keys", text, StringComparison.OrdinalIgnoreCase);
        }

        Assert.All(teamMessages, m => Assert.Contains("urgent", Text(m), StringComparison.OrdinalIgnoreCase));
        Assert.All(teamMessages, m => Assert.DoesNotContain(Email, Text(m), StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("abuse", Text(acknowledgement), StringComparison.OrdinalIgnoreCase);

        // The starting site sets no response time, so neither email promises one (and the template's condition is not shown).
        Assert.Contains("We will be in touch only in the ways you told us are safe.", acknowledgement.TextBody, StringComparison.Ordinal);
        Assert.DoesNotMatch(Content.PublishedText.ResponsePromise(), Text(acknowledgement));
        Assert.All(messages, m => Assert.DoesNotContain("{%", Text(m), StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_the_mail_server_down_the_referral_is_kept_and_the_team_email_arrives_when_it_returns()
    {
        await using var smtp = await LoopbackSmtpServer.StartNewAsync();
        await smtp.StopAsync();
        await using var portal = Portal(smtp);
        using var resident = portal.Browser();

        var reference = await CompleteReferralAsync(resident);
        Assert.Equal(1, await ReferralCountAsync(portal.Services, reference));
        await Task.Delay(1000);
        Assert.Empty(smtp.Messages);

        await smtp.StartAsync();
        var messages = await smtp.WaitForMessagesAsync(2, TimeSpan.FromSeconds(30));
        Assert.Contains(messages, m => Text(m).Contains(reference, StringComparison.Ordinal) && m.To.Mailboxes.All(a => a.Address != Email));
        await Task.Delay(1500);
        Assert.Equal(messages.Count, smtp.Messages.Count);
    }

    [Fact]
    public async Task Answering_in_danger_now_shows_999_guidance_and_nothing_can_be_sent()
    {
        await using var smtp = await LoopbackSmtpServer.StartNewAsync();
        await using var portal = Portal(smtp);
        using var resident = portal.Browser();

        using var answered = await AnswerAsync(resident, "danger", new() { ["in-danger"] = "yes" });
        var next = await resident.GetAsync(answered.Headers.Location!);
        var html = await next.Content.ReadAsStringAsync();
        Assert.Contains("999", html, StringComparison.Ordinal);
        Assert.Contains("55", html, StringComparison.Ordinal);

        using var check = await resident.GetAsync($"{Form}/check");
        var checkHtml = await check.Content.ReadAsStringAsync();
        Assert.False(check.StatusCode == HttpStatusCode.OK && checkHtml.Contains("Check your answers", StringComparison.Ordinal), "the check page was offered after 'in danger now'");
        Assert.Equal(0, await ReferralCountAsync(portal.Services));
    }

    [GeneratedRegex("SB-[A-Z0-9]{4}-[A-Z0-9]{2}")]
    private static partial Regex ReferencePattern();
}
