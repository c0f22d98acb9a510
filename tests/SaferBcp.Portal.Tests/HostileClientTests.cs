using System.Net;

namespace SaferBcp.Portal.Tests;

/// <summary>
/// The portal at https://safer.example.org behind a trusted proxy (the test server has no remote address, which
/// ASP.NET treats as the proxy's own hop, so X-Forwarded-For is believed), with sign-in limited to 3 attempts per address.
/// </summary>
public sealed class ProxiedReferralPortal : IDisposable
{
    public const string Address = "https://safer.example.org";

    public ProxiedReferralPortal() => Portal
        .With("Portal:PublicAddress", Address)
        .With("Portal:TrustedProxies:0", "10.9.9.9")
        .With("Portal:SignIn:AttemptsPerAddress", "3")
        .With("Forms:RateLimitPermits", "1000");

    public ReferralPortal Portal { get; } = new();

    public void Dispose() => Portal.Dispose();
}

/// <summary>What a visitor who writes their own headers can and cannot get: forged links, and endless password guesses.</summary>
public sealed class HostileClientTests : IClassFixture<ProxiedReferralPortal>
{
    private const string Address = ProxiedReferralPortal.Address;
    private readonly ReferralPortal _portal;

    public HostileClientTests(ProxiedReferralPortal fixture) => _portal = fixture.Portal;

    private HttpClient Visitor(string address)
    {
        var client = _portal.Browser(Address);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }

    private static async Task<HttpResponseMessage> WrongPasswordAsync(HttpClient client, string userName) =>
        await PortalFactory.PostFormAsync(client, "/account/sign-in", "/account/sign-in", new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = "not-the-password",
        });

    [Fact]
    public async Task A_referral_sent_with_a_forged_forwarded_host_emails_the_team_a_link_to_the_public_address_only()
    {
        using var resident = Visitor("203.0.113.40");
        resident.DefaultRequestHeaders.Add("X-Forwarded-Host", "evil.example");
        resident.DefaultRequestHeaders.Add("X-Forwarded-Proto", "http");
        resident.DefaultRequestHeaders.Add("X-Original-Host", "evil.example");
        await ReferralJourneyTests.AnswerEveryPageAsync(resident);
        var check = await resident.GetStringAsync(ReferralJourneyTests.Form + "/check");
        using (var sent = await resident.PostAsync(ReferralJourneyTests.Form + "/check", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalFactory.AntiforgeryToken(check),
        })))
        {
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
            Assert.DoesNotContain("evil.example", sent.Headers.Location!.ToString(), StringComparison.Ordinal);
        }

        var reference = ReferralPortal.Reference(await resident.GetStringAsync(ReferralJourneyTests.Form + "/confirmation"));
        var team = _portal.Outbox.Messages.Where(m => m.Category == "referral-team-notification" && m.TextBody.Contains(reference, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(team);
        Assert.All(team, m => Assert.Contains(Address + "/admin/referrals/" + reference, m.TextBody, StringComparison.Ordinal));
        Assert.All(_portal.Outbox.Messages, m => Assert.DoesNotContain("evil.example", m.TextBody + m.HtmlBody + m.Subject, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_referral_posted_with_host_evil_example_is_refused_and_no_email_ever_names_it()
    {
        using var resident = Visitor("203.0.113.41");
        await ReferralJourneyTests.AnswerEveryPageAsync(resident);
        var check = await resident.GetStringAsync(ReferralJourneyTests.Form + "/check");
        using var forged = new HttpRequestMessage(HttpMethod.Post, ReferralJourneyTests.Form + "/check")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = PortalFactory.AntiforgeryToken(check) }),
        };
        forged.Headers.Host = "evil.example";
        forged.Headers.Add("X-Forwarded-Host", "evil.example");
        using var refused = await resident.SendAsync(forged);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.All(_portal.Outbox.Messages, m => Assert.DoesNotContain("evil.example", m.TextBody + m.HtmlBody + m.Subject, StringComparison.Ordinal));

        using var probe = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        probe.Headers.Host = "evil.example";
        using var health = await resident.SendAsync(probe);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Sign_in_is_throttled_per_client_address_with_a_plain_english_page()
    {
        using var guesser = Visitor("203.0.113.50");
        for (var i = 0; i < 3; i++)
        {
            // A different user name each time: the account lockout never comes into it.
            using var allowed = await WrongPasswordAsync(guesser, "guess-" + i);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var throttled = await WrongPasswordAsync(guesser, "guess-3");
        var page = await throttled.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Contains("Too many sign-in attempts", page, StringComparison.Ordinal);
        Assert.Contains("Wait 5 minutes, then try again", page, StringComparison.Ordinal);
        Assert.True(throttled.Headers.RetryAfter is not null);
        Assert.DoesNotContain("   at ", page, StringComparison.Ordinal);

        // The right password does not get through either, nor a code on the two-factor step.
        await _portal.CreateStaffAsync("throttle-victim", "Editor");
        using var right = await PortalFactory.PostFormAsync(guesser, "/account/sign-in", "/account/sign-in", new Dictionary<string, string>
        {
            ["UserName"] = "throttle-victim",
            ["Password"] = PortalFactory.StaffPassword,
        });
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);

        // Another address is not affected, and signs in.
        using var colleague = Visitor("203.0.113.51");
        using var other = await WrongPasswordAsync(colleague, "guess-0");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        await PortalFactory.SignInAsync(colleague, "throttle-victim", PortalFactory.StaffPassword);
        using var inside = await colleague.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.OK, inside.StatusCode);
    }

    [Fact]
    public async Task Throttling_counts_the_two_factor_step_too()
    {
        await _portal.CreateStaffAsync("throttle-codes", "Analyst");
        using var client = Visitor("203.0.113.60");
        using var password = await PortalFactory.PostFormAsync(client, "/account/sign-in", "/account/sign-in", new Dictionary<string, string>
        {
            ["UserName"] = "throttle-codes",
            ["Password"] = PortalFactory.StaffPassword,
        });
        Assert.StartsWith("/account/two-factor-sign-in", password.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var wrong = await PortalFactory.PostFormAsync(client, "/account/two-factor-sign-in", "/account/two-factor-sign-in", new Dictionary<string, string> { ["Code"] = "000000" });
            statuses.Add(wrong.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }
}
