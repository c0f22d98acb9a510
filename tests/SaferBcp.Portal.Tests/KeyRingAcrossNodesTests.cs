using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Data;
using SaferBcp.Cms.KeyRing;
using SaferBcp.Referrals;
using SaferBcp.Referrals.Services;

namespace SaferBcp.Portal.Tests;

/// <summary>
/// What one node protects with Data Protection, another node of the same site reads: on PostgreSQL a second node with
/// the same database and certificate and a data folder of its own (they share nothing else). SQLite is one node (its
/// database lives in that node's data folder), so there the "second node" is the first one restarted, and the test
/// shows that the key ring encrypted with the certificate comes back.
/// </summary>
public sealed class KeyRingAcrossNodesTests
{
    private const string Form = "/refer-yourself/domestic-abuse";

    [Fact]
    public async Task A_second_node_accepts_the_first_nodes_sign_in_and_form_and_reads_its_referrals_and_emails()
    {
        using var nodes = new Nodes();
        var staff = new CookieContainer();
        var firstResident = new CookieContainer();
        var secondResident = new CookieContainer();

        // On the first node: a member of staff signs in, one resident sends a referral (stored and emailed encrypted),
        // another answers every question and sees the check page (answers encrypted in the form session).
        await PortalFactory.SignInAsync(nodes.Client(staff), PortalFactory.AdminUser, PortalFactory.AdminPassword);
        await AnswerEveryPageAsync(nodes.Client(firstResident), "Ottoline Brackenbury-Vance");
        var reference = await SendAsync(nodes.Client(firstResident), await nodes.Client(firstResident).GetStringAsync($"{Form}/check"));
        await AnswerEveryPageAsync(nodes.Client(secondResident), "Peregrine Ashdown-Fell");
        var checkPage = await nodes.Client(secondResident).GetStringAsync($"{Form}/check");

        nodes.MoveToSecond();

        using (var dashboard = await nodes.Client(staff).GetAsync("/admin"))
        {
            Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        }

        await using (var scope = nodes.Current.Services.CreateAsyncScope())
        {
            var referral = await scope.ServiceProvider.GetRequiredService<ReferralsDbContext>().Referrals.SingleAsync(r => r.Reference == reference);
            var answers = scope.ServiceProvider.GetRequiredService<ReferralProtector>().UnprotectAnswers(referral.ProtectedAnswers);
            Assert.Contains(answers.Rows, r => r.Answer == "Ottoline Brackenbury-Vance");
        }

        Assert.Contains(reference, await nodes.WaitForEmailAsync(reference), StringComparison.Ordinal);

        // The check page and its antiforgery token came from the first node; the answers behind it are decrypted here.
        var secondReference = await SendAsync(nodes.Client(secondResident), checkPage);
        Assert.NotEqual(reference, secondReference);
    }

    private static async Task AnswerEveryPageAsync(HttpClient client, string name)
    {
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Form)).StatusCode);
        var pages = new (string Page, Dictionary<string, string> Fields)[]
        {
            ("danger", new() { ["in-danger"] = "no" }),
            ("about-you", new() { ["name"] = name, ["area"] = "poole", ["age-band"] = "25-34" }),
            ("children", new() { ["children"] = "no" }),
            ("safety", new()
            {
                ["risk-injured"] = "no", ["risk-frightened"] = "yes", ["risk-strangled"] = "no",
                ["risk-threatened-kill"] = "no", ["risk-getting-worse"] = "no", ["risk-separation"] = "no",
            }),
            ("what-is-happening", new() { ["what-is-happening"] = "He reads my messages" }),
            ("contact-phone", new() { ["safe-phone"] = "07700 900517", ["safe-voicemail"] = "no", ["safe-text"] = "yes" }),
            ("contact-email-ok", new() { ["safe-email-ok"] = "no" }),
            ("contact-times", new() { ["safe-times"] = "Weekday mornings" }),
        };
        foreach (var (page, fields) in pages)
        {
            var html = await client.GetStringAsync($"{Form}/{page}");
            using var answered = await client.PostAsync($"{Form}/{page}", new FormUrlEncodedContent(new Dictionary<string, string>(fields)
            {
                ["__RequestVerificationToken"] = PortalFactory.AntiforgeryToken(html),
            }));
            Assert.True(answered.StatusCode == HttpStatusCode.Redirect, $"the '{page}' page refused the answers: {(int)answered.StatusCode}");
        }
    }

    /// <summary>Sends the answers from a check page; returns the reference on the confirmation page.</summary>
    private static async Task<string> SendAsync(HttpClient client, string checkPage)
    {
        using (var sent = await client.PostAsync($"{Form}/check", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalFactory.AntiforgeryToken(checkPage),
        })))
        {
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        }

        var reference = ReferralPortal.Reference(await client.GetStringAsync($"{Form}/confirmation"));
        Assert.NotEqual("", reference);
        return reference;
    }

    /// <summary>
    /// The first node, then the second: beside it on PostgreSQL, in its place (a restart) on SQLite. Both have the same
    /// certificate; the first node's email sender looks only at start, so whatever is queued on it is sent by the second.
    /// </summary>
    private sealed class Nodes : IDisposable
    {
        private readonly string _certificate = TestCertificates.Create();
        private readonly PortalFactory _first;
        private readonly List<HttpClient> _clients = [];
        private PortalFactory? _second;
        private bool _firstStopped;

        public Nodes()
        {
            _first = WithKeyProtection(new PortalFactory()).With("Email:PollInterval", "01:00:00");
            _ = _first.Services;
        }

        public PortalFactory Current => _second ?? _first;

        /// <summary>A client of the current node that keeps its cookies in <paramref name="cookies"/>, so they travel between nodes.</summary>
        public HttpClient Client(CookieContainer cookies)
        {
            var client = Current.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies));
            _clients.Add(client);
            return client;
        }

        public void MoveToSecond()
        {
            if (_first.Provider == DatabaseProvider.Postgres)
            {
                _second = WithKeyProtection(PortalFactory.AnotherNode(_first));
            }
            else
            {
                _second = WithKeyProtection(PortalFactory.Restarted(_first));
                _first.Dispose();
                _firstStopped = true;
            }

            _second.With("Email:PollInterval", "00:00:00.100");
            _ = _second.Services;
        }

        /// <summary>The text of the email about <paramref name="reference"/> that the second node wrote to its pickup folder.</summary>
        public async Task<string> WaitForEmailAsync(string reference)
        {
            var folder = Path.Combine(Current.DataFolder, "mail-pickup");
            for (var waited = TimeSpan.Zero; waited < TimeSpan.FromSeconds(30); waited += TimeSpan.FromMilliseconds(100))
            {
                foreach (var file in Directory.Exists(folder) ? Directory.GetFiles(folder, "*.eml") : [])
                {
                    var text = await File.ReadAllTextAsync(file);
                    if (text.Contains(reference, StringComparison.Ordinal))
                    {
                        return text;
                    }
                }

                await Task.Delay(100);
            }

            throw new Xunit.Sdk.XunitException($"the second node sent no email about {reference} within 30 seconds");
        }

        public void Dispose()
        {
            _clients.ForEach(c => c.Dispose());
            _second?.Dispose();
            if (!_firstStopped)
            {
                _first.Dispose();
            }
        }

        private PortalFactory WithKeyProtection(PortalFactory node) => node
            .With(KeyProtectionCertificate.PathSetting, _certificate)
            .With(KeyProtectionCertificate.PasswordSetting, TestCertificates.Password)
            .With("Forms:RateLimitPermits", "1000");
    }
}
