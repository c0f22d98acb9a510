using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Email;
using SaferBcp.Portal.Tests;
using SaferBcp.Referrals;

namespace SaferBcp.Portal.PostgresTests.Faults;

/// <summary>
/// PostgreSQL restarted under a running portal (a server of the test's own, stopped with a fast shutdown as a host
/// restart does): pages answer "try again" (503) meanwhile, nothing is half-written, and the portal recovers by itself.
/// </summary>
public sealed class DatabaseRestartTests
{
    [Fact]
    public async Task While_the_database_restarts_residents_are_asked_to_try_again_nothing_is_half_written_and_the_portal_recovers_within_ten_seconds()
    {
        using var server = PostgresServer.StartOwn();
        var database = await server.CreateDatabaseAsync();
        using var portal = new PortalFactory()
            .With("Portal:DatabaseProvider", "Postgres")
            .With("Portal:ConnectionString", database)
            .With("Forms:RateLimitPermits", "1000");
        using var resident = portal.Browser();
        await ReferralJourneyTests.AnswerEveryPageAsync(resident);
        var check = await resident.GetStringAsync($"{ReferralJourneyTests.Form}/check");

        server.Stop();

        using (var page = await resident.GetAsync("/refer-yourself"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
            Assert.Contains("Sorry, the service is unavailable", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.NotNull(page.Headers.RetryAfter);
        }

        using (var sent = await SendAsync(resident, check))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, sent.StatusCode);
            var html = await sent.Content.ReadAsStringAsync();
            Assert.Contains("call 999", html, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", html, StringComparison.Ordinal);
        }

        server.Restart();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            using var page = await resident.GetAsync("/refer-yourself");
            if (page.StatusCode == HttpStatusCode.OK)
            {
                break;
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"still {(int)page.StatusCode} ten seconds after the database came back");
            await Task.Delay(200);
        }

        // The submit that failed left nothing behind, and the answers kept on the server let her send it now.
        Assert.Equal(0, await CountAsync(portal));
        using (var again = await SendAsync(resident, await resident.GetStringAsync($"{ReferralJourneyTests.Form}/check")))
        {
            Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        }

        Assert.Equal(1, await CountAsync(portal));
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient resident, string checkPage) =>
        resident.PostAsync($"{ReferralJourneyTests.Form}/check", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalFactory.AntiforgeryToken(checkPage),
        }));

    /// <summary>Referrals and the emails queued with them: they are written together or not at all.</summary>
    private static async Task<int> CountAsync(PortalFactory portal)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var referrals = await scope.ServiceProvider.GetRequiredService<ReferralsDbContext>().Referrals.CountAsync();
        var emails = await scope.ServiceProvider.GetRequiredService<EmailDbContext>().OutboxMessages.CountAsync();
        Assert.True(referrals == 0 ? emails == 0 : emails > 0, $"{referrals} referral(s) but {emails} email(s) queued");
        return referrals;
    }
}
