using System.Globalization;
using System.Net;
using System.Text.Json;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetTopologySuite.Features;
using SaferBcp.Referrals;
using SaferBcp.SafePlaces.Models;
using SaferBcp.SafePlaces.Services;

namespace SaferBcp.Portal.Tests;

/// <summary>The portal at https://safer.example.org, with the referral test outbox.</summary>
public sealed class PublicAddressPortal : IDisposable
{
    public const string Address = "https://safer.example.org";

    public PublicAddressPortal() => Portal.With("Portal:PublicAddress", Address).With("Forms:RateLimitPermits", "1000");

    public ReferralPortal Portal { get; } = new();

    public void Dispose() => Portal.Dispose();
}

/// <summary>Links are built from Portal:PublicAddress, never from the request, and other hosts are refused.</summary>
public sealed class PublicAddressTests : IClassFixture<PublicAddressPortal>
{
    private const string Address = PublicAddressPortal.Address;
    private const string Form = ReferralJourneyTests.Form;
    private readonly ReferralPortal _portal;

    public PublicAddressTests(PublicAddressPortal fixture) => _portal = fixture.Portal;

    private async Task<int> ReferralCountAsync()
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReferralsDbContext>().Referrals.CountAsync();
    }

    private static FormUrlEncodedContent TokenOnly(string html) =>
        new(new Dictionary<string, string> { ["__RequestVerificationToken"] = PortalFactory.AntiforgeryToken(html) });

    [Fact]
    public async Task A_referral_posted_for_another_host_is_refused_and_no_email_is_queued()
    {
        using var resident = _portal.Browser(Address);
        await ReferralJourneyTests.AnswerEveryPageAsync(resident);
        var check = await resident.GetStringAsync(Form + "/check");
        var emailsBefore = _portal.Outbox.Messages.Count;
        var referralsBefore = await ReferralCountAsync();

        using var forged = new HttpRequestMessage(HttpMethod.Post, Form + "/check") { Content = TokenOnly(check) };
        forged.Headers.Host = "evil.example";
        using var refused = await resident.SendAsync(forged);
        var body = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("text/plain", refused.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.Equal(emailsBefore, _portal.Outbox.Messages.Count);
        Assert.Equal(referralsBefore, await ReferralCountAsync());

        // The same post for the public host goes through: the host was all that was wrong.
        using var sent = await resident.PostAsync(Form + "/check", TokenOnly(check));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
    }

    [Fact]
    public async Task The_team_email_links_to_the_public_address_whatever_form_of_it_the_request_used()
    {
        // Same host name, in capitals, on another port: allowed, and none of it reaches the link. (Over https: the
        // public address is https, so cookies are Secure and a browser would not send them back over http.)
        using var resident = _portal.Browser("https://SAFER.Example.ORG:8080");
        await ReferralJourneyTests.AnswerEveryPageAsync(resident);
        var check = await resident.GetStringAsync(Form + "/check");
        using (var sent = await resident.PostAsync(Form + "/check", TokenOnly(check)))
        {
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        }

        var reference = ReferralPortal.Reference(await resident.GetStringAsync(Form + "/confirmation"));
        var team = _portal.Outbox.Messages.Where(m => m.Category == "referral-team-notification" && m.TextBody.Contains(reference, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(team);
        Assert.All(team, m => Assert.Contains(Address + "/admin/referrals/" + reference, m.TextBody, StringComparison.Ordinal));
        Assert.All(team, m => Assert.DoesNotContain(":8080", m.TextBody, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Safe_places_open_data_links_to_the_public_address()
    {
        await SafePlacesTests.CreatePlaceAsync(_portal, "Quince Address Shop", "BH1 3AA", BcpArea.Bournemouth, 50.7215, -1.8705);
        const string expected = Address + "/" + SafePlaceTypes.PathPrefix + "quince-address-shop";
        using var visitor = _portal.Browser("http://safer.example.org:8080");

        string? csvUrl = null;
        using (var csv = CsvReader.Create(new StringReader(await visitor.GetStringAsync("/safe-places.csv")), new CsvReaderOptions { Separator = ',' }, leaveOpen: false))
        {
            while (csv.Read())
            {
                if (csv.GetString("name") == "Quince Address Shop")
                {
                    csvUrl = csv.GetString("url");
                }
            }
        }

        var geo = JsonSerializer.Deserialize<FeatureCollection>(await visitor.GetStringAsync("/safe-places.geojson"), SafePlaceOpenData.GeoJsonOptions)!;
        var feature = geo.Single(f => (string)f.Attributes["name"] == "Quince Address Shop");

        Assert.Equal(expected, csvUrl);
        Assert.Equal(expected, Convert.ToString(feature.Attributes["url"], CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Health_probes_answer_any_host_and_pages_only_the_public_one()
    {
        using var balancer = _portal.Browser("http://10.0.0.7:8080");
        foreach (var probe in new[] { "/health/live", "/health/ready" })
        {
            using var response = await balancer.GetAsync(probe);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using var page = await balancer.GetAsync("/about");
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Equal("Bad request: this site is not served at that address.", (await page.Content.ReadAsStringAsync()).Trim());

        using var visitor = _portal.Browser(Address);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/about")).StatusCode);
    }
}
