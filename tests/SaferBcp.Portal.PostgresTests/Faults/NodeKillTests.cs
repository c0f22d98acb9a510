using System.Collections.Concurrent;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SaferBcp.Cms.Data;
using SaferBcp.Email;
using SaferBcp.Email.Models;
using SaferBcp.Portal.Tests;
using SaferBcp.Referrals;

namespace SaferBcp.Portal.PostgresTests.Faults;

/// <summary>
/// Two nodes of one site, each its own process, start together on an empty database; residents send 100
/// self-referrals through both, each page of a journey on the next node; one node is killed with SIGKILL part way.
/// Every referral whose confirmation page was shown is stored once, and every email is sent: once, or (only if the kill
/// lands inside one SMTP hand-over) one message twice under the same Message-ID.
/// </summary>
public sealed class NodeKillTests
{
    private const int Referrals = 100;
    private const int Residents = 8;
    private const string Form = ReferralJourneyTests.Form;

    private static readonly (string Page, Dictionary<string, string> Fields)[] Pages =
    [
        ("danger", new() { ["in-danger"] = "no" }),
        ("about-you", new() { ["name"] = "Test Resident", ["area"] = "poole", ["age-band"] = "25-34" }),
        ("children", new() { ["children"] = "no" }),
        ("safety", new()
        {
            ["risk-injured"] = "no", ["risk-frightened"] = "yes", ["risk-strangled"] = "no",
            ["risk-threatened-kill"] = "no", ["risk-getting-worse"] = "yes", ["risk-separation"] = "no",
        }),
        ("what-is-happening", new() { ["what-is-happening"] = "My partner checks my phone" }),
        ("contact-phone", new() { ["safe-phone"] = "07700 900123", ["safe-voicemail"] = "no", ["safe-text"] = "yes" }),
        ("contact-email-ok", new() { ["safe-email-ok"] = "no" }),
        ("contact-times", new() { ["safe-times"] = "Weekday mornings", ["someone-else"] = "Say you are from the dentist" }),
    ];

    [Fact]
    public async Task A_node_killed_while_referrals_arrive_through_two_nodes_loses_none_and_doubles_none()
    {
        var database = await PostgresServer.Get().CreateDatabaseAsync();
        await using var smtp = await LoopbackSmtpServer.StartNewAsync();
        var settings = new Dictionary<string, string>(smtp.Settings)
        {
            ["Portal:DatabaseProvider"] = "Postgres",
            ["Portal:ConnectionString"] = database,
            ["Portal:KeyProtectionCertificate"] = TestCertificates.Shared,
            ["Portal:KeyProtectionCertificatePassword"] = TestCertificates.Password,
            ["Portal:Admin:Password"] = PortalFactory.AdminPassword,
            ["Forms:RateLimitPermits"] = "100000",
            ["Email:PollInterval"] = "00:00:00.200",
            ["Email:Lease"] = "00:00:03",
        };

        // Both start at once on an empty database: one migrates and applies the recipe, the other waits its turn.
        using var first = PortalNode.Start("node-a", settings);
        using var second = PortalNode.Start("node-b", settings);
        await Task.WhenAll(first.WaitUntilReadyAsync(TimeSpan.FromSeconds(120)), second.WaitUntilReadyAsync(TimeSpan.FromSeconds(120)));
        var nodes = new[] { first, second };

        var confirmed = new ConcurrentBag<string>();
        var next = 0;
        var killAfter = Referrals / 3;
        var workers = Enumerable.Range(0, Residents).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) is var number && number <= Referrals)
            {
                if (number == killAfter)
                {
                    first.Kill();
                }

                using var resident = new Resident(nodes, number);
                var reference = await resident.ReferAsync();
                confirmed.Add(reference);
            }
        });
        await Task.WhenAll(workers);
        Assert.True(first.Killed);
        Assert.Equal(Referrals, confirmed.Count);
        Assert.Equal(Referrals, confirmed.Distinct().Count());

        await using var store = Store.Open(database);
        var stored = await store.Referrals.Referrals.AsNoTracking().Select(r => r.Reference).ToListAsync();
        Assert.Equal(confirmed.Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));

        // The killed node's leased emails are taken over by the other when their lease runs out.
        var outbox = await WaitUntilSentAsync(store, TimeSpan.FromSeconds(60));
        var delivered = smtp.Messages;
        var distinct = delivered.Select(m => m.MessageId).Distinct(StringComparer.Ordinal).Count();
        Assert.Equal(outbox, distinct);

        // SMTP has no way to ask "did you get this?": a node killed between the mail server's "250 OK" and its own
        // record of it leaves that one message to be sent again by the other node when the lease runs out, as the
        // same message (same Message-ID). A node sends one message at a time, so one kill can repeat at most one.
        Assert.InRange(delivered.Count - distinct, 0, 1);
        foreach (var reference in confirmed)
        {
            Assert.Contains(delivered, m => (m.Subject + m.TextBody).Contains(reference, StringComparison.Ordinal));
        }

        // Started together, the two nodes applied the setup recipe once.
        Assert.Equal(1, await store.Cms.AuditEntries.CountAsync(a => a.Action == "recipe.applied"));
    }

    private static async Task<int> WaitUntilSentAsync(Store store, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var statuses = await store.Email.OutboxMessages.AsNoTracking().Select(m => m.Status).ToListAsync();
            Assert.DoesNotContain(OutboxStatus.Failed, statuses);
            if (statuses.Count > 0 && statuses.All(s => s == OutboxStatus.Sent))
            {
                return statuses.Count;
            }

            Assert.True(DateTime.UtcNow < until, $"{statuses.Count(s => s != OutboxStatus.Sent)} of {statuses.Count} emails still unsent");
            await Task.Delay(250);
        }
    }

    /// <summary>One resident's journey: each request goes to the next node still answering; a request a dead node drops is sent again to another, as a person pressing the button again would.</summary>
    private sealed class Resident(PortalNode[] nodes, int start) : IDisposable
    {
        private readonly HttpClient _client = new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { Timeout = TimeSpan.FromSeconds(30) };
        private int _turn = start;

        public void Dispose() => _client.Dispose();

        public async Task<string> ReferAsync()
        {
            using (await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, Form)))
            {
            }

            foreach (var (page, fields) in Pages)
            {
                var html = await GetStringAsync($"{Form}/{page}");
                using var answered = await PostAsync($"{Form}/{page}", html, fields);
                Assert.True(answered.StatusCode == HttpStatusCode.Redirect, $"the '{page}' page refused the answers: {(int)answered.StatusCode}");
            }

            var check = await GetStringAsync($"{Form}/check");
            using (var sent = await PostAsync($"{Form}/check", check, []))
            {
                Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
            }

            var confirmation = await GetStringAsync($"{Form}/confirmation");
            Assert.Contains("Referral sent", confirmation, StringComparison.Ordinal);
            return ReferralPortal.Reference(confirmation);
        }

        private async Task<string> GetStringAsync(string path)
        {
            using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsStringAsync();
        }

        private Task<HttpResponseMessage> PostAsync(string path, string page, Dictionary<string, string> fields) =>
            SendAsync(() => new HttpRequestMessage(HttpMethod.Post, path)
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = PortalFactory.AntiforgeryToken(page) }),
            });

        private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> request)
        {
            for (var attempt = 0; ; attempt++)
            {
                var node = nodes[_turn++ % nodes.Length];
                if (node.Killed)
                {
                    continue;
                }

                using var message = request();
                message.RequestUri = new Uri(node.Address + message.RequestUri);
                try
                {
                    return await _client.SendAsync(message);
                }
                catch (HttpRequestException) when (attempt < 5)
                {
                    // The node went away under this request: the other one answers it.
                }
            }
        }
    }

    /// <summary>The database as the test reads it afterwards, outside any node.</summary>
    private sealed class Store : IAsyncDisposable
    {
        private readonly NpgsqlConnection _connection;

        private Store(NpgsqlConnection connection)
        {
            _connection = connection;
            var database = new PortalDatabase(connection, DatabaseProvider.Postgres);
            Referrals = new ReferralsDbContext(Options<ReferralsDbContext>(connection, "SaferBcp.Referrals", "Referrals"), database);
            Email = new EmailDbContext(Options<EmailDbContext>(connection, "SaferBcp.Email", "Email"), database);
            Cms = new CmsDbContext(Options<CmsDbContext>(connection, "SaferBcp.Cms", "Cms"), database);
        }

        public ReferralsDbContext Referrals { get; }

        public EmailDbContext Email { get; }

        public CmsDbContext Cms { get; }

        public static Store Open(string connectionString) => new(new NpgsqlConnection(connectionString));

        private static DbContextOptions<T> Options<T>(NpgsqlConnection connection, string assembly, string history)
            where T : DbContext
        {
            var options = new DbContextOptionsBuilder<T>();
            options.UsePortalDatabase(DatabaseProvider.Postgres, connection, assembly, history);
            return options.Options;
        }

        public async ValueTask DisposeAsync()
        {
            await Referrals.DisposeAsync();
            await Email.DisposeAsync();
            await Cms.DisposeAsync();
            await _connection.DisposeAsync();
        }
    }
}
