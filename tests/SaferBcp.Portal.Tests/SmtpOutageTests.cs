using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SaferBcp.Email;
using SaferBcp.Email.Models;
using SmtpServer.Protocol;

namespace SaferBcp.Portal.Tests;

/// <summary>
/// The mail server refuses every message for ten minutes of the portal's clock (a fake one, moved on in steps of the
/// outbox's poll interval, so the real backoff schedule runs). Nothing is lost, nothing fails for good, and once the
/// server accepts again every email arrives exactly once.
/// </summary>
public sealed class SmtpOutageTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Mail_refused_for_ten_minutes_is_all_sent_once_when_the_server_accepts_again()
    {
        await using var smtp = await LoopbackSmtpServer.StartNewAsync();
        smtp.RefuseWith = SmtpReplyCode.TransactionFailed;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        using var portal = new PortalFactory()
            .With("Forms:RateLimitPermits", "1000")
            .With("Email:PollInterval", "00:00:05")
            .WithServices(services => services.AddSingleton<TimeProvider>(clock));
        foreach (var (key, value) in smtp.Settings)
        {
            portal.With(key, value);
        }

        for (var i = 0; i < 3; i++)
        {
            using var resident = portal.Browser();
            await ReferralJourneyTests.AnswerEveryPageAsync(resident);
            var check = await resident.GetStringAsync($"{ReferralJourneyTests.Form}/check");
            using var sent = await resident.PostAsync($"{ReferralJourneyTests.Form}/check", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = PortalFactory.AntiforgeryToken(check),
            }));
            Assert.Equal(System.Net.HttpStatusCode.Redirect, sent.StatusCode);
        }

        var queued = (await OutboxAsync(portal)).Count;
        Assert.True(queued >= 6, $"{queued} emails queued for 3 referrals with a safe email address");

        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromMinutes(10); elapsed += Step)
        {
            await MoveOnAsync(clock);
        }

        var refused = await OutboxAsync(portal);
        Assert.Empty(smtp.Messages);
        Assert.All(refused, m => Assert.Equal(OutboxStatus.Pending, m.Status));
        Assert.All(refused, m => Assert.True(m.Attempts >= 3, $"an email was tried only {m.Attempts} time(s) in ten minutes"));

        smtp.RefuseWith = null;
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromMinutes(30) && (await OutboxAsync(portal)).Any(m => m.Status != OutboxStatus.Sent); elapsed += Step)
        {
            await MoveOnAsync(clock);
        }

        Assert.All(await OutboxAsync(portal), m => Assert.Equal(OutboxStatus.Sent, m.Status));
        await Task.Delay(300);
        Assert.Equal(queued, smtp.Messages.Count);
        Assert.Equal(queued, smtp.Messages.Select(m => m.MessageId).Distinct(StringComparer.Ordinal).Count());
    }

    /// <summary>One poll interval of the portal's clock, and a moment of real time for the outbox to act on it.</summary>
    private static async Task MoveOnAsync(FakeTimeProvider clock)
    {
        clock.Advance(Step);
        await Task.Delay(40);
    }

    private static async Task<List<OutboxMessage>> OutboxAsync(PortalFactory portal)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<EmailDbContext>().OutboxMessages.AsNoTracking().ToListAsync();
    }
}
