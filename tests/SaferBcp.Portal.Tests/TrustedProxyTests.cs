using System.Net;

namespace SaferBcp.Portal.Tests;

/// <summary>
/// Two portals on real Kestrel ports, reached from loopback as a reverse proxy would reach them: one lists loopback
/// among its trusted proxies, the other lists only 10.0.0.0/8 (ASP.NET Core itself would trust loopback).
/// </summary>
public sealed class ProxiedPortals : IAsyncLifetime
{
    public const string Host = "safer.example.org";

    public PortalFactory Trusted { get; } = new PortalFactory()
        .With("Portal:PublicAddress", "https://" + Host)
        .With("Portal:TrustedProxies", "10.9.9.9, 127.0.0.1")
        .With("Forms:RateLimitPermits", "2");

    public PortalFactory Untrusted { get; } = new PortalFactory()
        .With("Portal:PublicAddress", "https://" + Host)
        .With("Portal:TrustedProxies:0", "10.0.0.0/8")
        .With("Forms:RateLimitPermits", "2");

    public string TrustedAddress { get; private set; } = "";

    public string UntrustedAddress { get; private set; } = "";

    public Task InitializeAsync()
    {
        TrustedAddress = Trusted.StartRealServer();
        UntrustedAddress = Untrusted.StartRealServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Trusted.DisposeAsync();
        await Untrusted.DisposeAsync();
    }
}

public sealed class TrustedProxyTests : IClassFixture<ProxiedPortals>
{
    private const string FormPage = ReferralJourneyTests.Form + "/danger";
    private readonly ProxiedPortals _portals;

    public TrustedProxyTests(ProxiedPortals portals) => _portals = portals;

    /// <summary>A request as the proxy passes it on: the public Host, the visitor's address and, if given, their scheme.</summary>
    private static HttpRequestMessage FromProxy(HttpMethod method, string url, string visitor, string? scheme = null)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Host = ProxiedPortals.Host;
        request.Headers.Add("X-Forwarded-For", visitor);
        if (scheme is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", scheme);
        }

        return request;
    }

    private static async Task<HttpResponseMessage> OpenFormAsync(string portal, string? scheme)
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(portal) };
        using var request = FromProxy(HttpMethod.Get, FormPage, "203.0.113.7", scheme);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }

    private static bool SecureCookie(HttpResponseMessage response, string name) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(name + "=", StringComparison.Ordinal))
            .Split(';').Any(attribute => attribute.Trim().Equals("secure", StringComparison.OrdinalIgnoreCase));

    /// <summary>One visitor (their own cookies) answers the first question <paramref name="times"/> times; returns each status.</summary>
    private static async Task<List<HttpStatusCode>> AnswerAsync(string portal, string visitor, int times)
    {
        // Cookies by hand: they are Secure (the public address is https), and a cookie jar would not send them back
        // over the plain-HTTP hop between the proxy and the node.
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(portal) };
        using var open = FromProxy(HttpMethod.Get, FormPage, visitor, "https");
        using var page = await client.SendAsync(open);
        var token = PortalFactory.AntiforgeryToken(await page.Content.ReadAsStringAsync());
        var cookies = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < times; i++)
        {
            using var post = FromProxy(HttpMethod.Post, FormPage, visitor, "https");
            post.Headers.Add("Cookie", cookies);
            post.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["in-danger"] = "no", ["__RequestVerificationToken"] = token });
            using var response = await client.SendAsync(post);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }

    [Fact]
    public async Task Hsts_is_sent_only_for_https_forwarded_by_a_trusted_proxy_and_cookies_are_secure_on_every_hop()
    {
        using var trustedHttps = await OpenFormAsync(_portals.TrustedAddress, "https");
        using var trustedHttp = await OpenFormAsync(_portals.TrustedAddress, null);
        using var untrustedHttps = await OpenFormAsync(_portals.UntrustedAddress, "https");

        Assert.Contains("max-age=31536000", trustedHttps.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        Assert.False(trustedHttp.Headers.Contains("Strict-Transport-Security"));
        Assert.False(untrustedHttps.Headers.Contains("Strict-Transport-Security"));

        // The public address is https, so a cookie is Secure whatever the proxy says or whoever says it.
        Assert.True(SecureCookie(trustedHttps, "saferbcp-form"));
        Assert.True(SecureCookie(trustedHttp, "saferbcp-form"));
        Assert.True(SecureCookie(untrustedHttps, "saferbcp-form"));
    }

    [Fact]
    public async Task Visitors_behind_a_trusted_proxy_each_get_their_own_rate_limit_and_forwarded_addresses_from_elsewhere_count_for_nothing()
    {
        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], await AnswerAsync(_portals.TrustedAddress, "203.0.113.7", 3));
        Assert.Equal([HttpStatusCode.Redirect], await AnswerAsync(_portals.TrustedAddress, "198.51.100.9", 1));

        // Not from a trusted proxy: both "visitors" are the one loopback client, sharing one allowance.
        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect], await AnswerAsync(_portals.UntrustedAddress, "203.0.113.7", 2));
        Assert.Equal([HttpStatusCode.TooManyRequests], await AnswerAsync(_portals.UntrustedAddress, "198.51.100.9", 1));
    }
}
