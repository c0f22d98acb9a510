using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Data;
using SaferBcp.Cms.Security;
using SaferBcp.SafePlaces.Models;

namespace SaferBcp.Portal.Tests;

/// <summary>A venue applies to become a Safe Place; an officer of the receiving team turns the application into a draft place.</summary>
public sealed partial class VenueApplicationTests : IClassFixture<ReferralPortal>
{
    private const string Button = "Create a draft Safe Place from this application";
    private readonly ReferralPortal _portal;

    public VenueApplicationTests(ReferralPortal portal) => _portal = portal;

    private async Task<HttpClient> OfficerAsync(string userName, string team, bool mayManageSafePlaces)
    {
        var key = await _portal.CreateOfficerAsync(userName, team);
        if (mayManageSafePlaces)
        {
            await using var scope = _portal.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            Assert.True((await users.AddToRoleAsync((await users.FindByNameAsync(userName))!, PortalRoles.Editor)).Succeeded);
        }

        var client = _portal.Browser();
        await ReferralPortal.SignInWithTwoFactorAsync(client, userName, key);
        return client;
    }

    private Task<string> ApplyAsync(string venue) => _portal.SubmitAsync("safe-place", new Dictionary<string, string>
    {
        ["venue-name"] = venue,
        ["venue-address"] = "12 Quay Road, Poole",
        ["postcode"] = "bh15 1hj",
        ["area"] = "poole",
        ["venue-category"] = "cafe",
        ["opening-hours"] = "Every day, 8am to 6pm",
        ["name"] = "Morwenna Applicant",
        ["phone"] = "01202 123456",
        ["email"] = "owner@example.org",
        ["email-ok"] = "no",
    }).ContinueWith(t => t.Result.Reference, TaskScheduler.Default);

    [Fact]
    public async Task An_officer_of_the_receiving_team_turns_a_venue_application_into_a_draft_Safe_Place()
    {
        var reference = await ApplyAsync("Quayside Test Café");
        using var officer = await OfficerAsync("venue-officer", "Community safety team", mayManageSafePlaces: true);

        var detail = await officer.GetStringAsync($"/admin/referrals/{reference}");
        Assert.Contains(Button, detail, StringComparison.Ordinal);
        using var created = await officer.PostAsync($"/admin/safe-places/from-application/{reference}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalFactory.AntiforgeryToken(detail),
        }));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = EditorAddress().Match(created.Headers.Location!.ToString()).Groups[1].Value;
        Assert.NotEmpty(id);

        await using (var scope = _portal.Services.CreateAsyncScope())
        {
            var draft = await scope.ServiceProvider.GetRequiredService<ContentManager>().GetAsync(id, VersionOptions.Latest);
            Assert.NotNull(draft);
            Assert.False(draft.Published);
            Assert.Equal("Quayside Test Café", draft.DisplayText);
            var place = draft.As<SafePlacePart>();
            Assert.Equal("BH15 1HJ", place.Postcode);
            Assert.Equal(BcpArea.Poole, place.Area);
            Assert.Equal(SafePlaceCategory.Cafe, place.Category);
            Assert.Equal("12 Quay Road, Poole", place.Address);

            var audit = await scope.ServiceProvider.GetRequiredService<CmsDbContext>().AuditEntries.AsNoTracking().Where(a => a.SubjectId == reference).Select(a => a.Action).ToListAsync();
            Assert.Contains("safeplace.drafted", audit);
        }

        using var visitor = _portal.Browser();
        Assert.DoesNotContain("Quayside Test Café", await visitor.GetStringAsync("/safe-places"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_officer_of_another_team_cannot_make_a_draft_from_the_application_and_one_who_cannot_manage_places_sees_no_button()
    {
        var reference = await ApplyAsync("Harbourside Test Library");

        using var otherTeam = await OfficerAsync("venue-other-team", "Domestic abuse team", mayManageSafePlaces: true);
        var inbox = await otherTeam.GetStringAsync("/admin/referrals");
        using var refused = await otherTeam.PostAsync($"/admin/safe-places/from-application/{reference}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalFactory.AntiforgeryToken(inbox),
        }));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);

        using var noPlaces = await OfficerAsync("venue-no-places", "Community safety team", mayManageSafePlaces: false);
        var detail = await noPlaces.GetStringAsync($"/admin/referrals/{reference}");
        Assert.DoesNotContain(Button, detail, StringComparison.Ordinal);

        await using var scope = _portal.Services.CreateAsyncScope();
        var places = await scope.ServiceProvider.GetRequiredService<CmsDbContext>().ContentItems.AsNoTracking().Where(c => c.ContentType == SafePlaceTypes.SafePlace).Select(c => c.DisplayText).ToListAsync();
        Assert.DoesNotContain("Harbourside Test Library", places);
    }

    [GeneratedRegex("^/admin/content/([^/]+)/edit$")]
    private static partial Regex EditorAddress();
}
