using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using SaferBcp.Cms.Security;
using SaferBcp.Referrals;
using SaferBcp.Referrals.Models;
using SaferBcp.Referrals.Services;

namespace SaferBcp.Portal.BrowserTests;

/// <summary>The public list of self-referral forms, in a real browser.</summary>
[Collection(PublicSiteCollection.Name)]
public sealed class ReferYourselfBrowserTests
{
    private readonly BrowserFixture _browser;

    public ReferYourselfBrowserTests(BrowserFixture browser) => _browser = browser;

    [SkippableFact]
    public async Task The_refer_yourself_page_puts_999_first_and_has_no_axe_violations()
    {
        await using var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/refer-yourself");

        await Assertions.Expect(page.Locator(".govuk-warning-text")).ToContainTextAsync("press 55");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Domestic abuse: get support for yourself" })).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page);
    }
}

/// <summary>Referral routing and the officers' inbox, in a real browser.</summary>
[Collection(BackOfficeCollection.Name)]
public sealed class ReferralBackOfficeBrowserTests
{
    private readonly BrowserFixture _browser;

    public ReferralBackOfficeBrowserTests(BrowserFixture browser) => _browser = browser;

    [SkippableTheory]
    [InlineData("/admin/referrals/routing")]
    [InlineData("/admin/referrals/routing/teams/new")]
    [InlineData("/admin/referrals/routing/rules/new")]
    [InlineData("/admin/referrals/routing?Run=true&Form=domestic-abuse&Area=Poole&AgeBand=16-17&Risks=4&Children=yes")]
    public async Task Referral_routing_page_has_no_axe_violations(string url)
    {
        await using var context = await _browser.NewAdminContextAsync();
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync(url);

        Assert.Equal(200, response!.Status);
        await Axe.AssertNoViolationsAsync(page);
    }

    [SkippableFact]
    public async Task A_team_form_with_errors_has_no_axe_violations()
    {
        await using var context = await _browser.NewAdminContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/admin/referrals/routing/teams/new");

        await page.GetByRole(AriaRole.Button, new() { Name = "Save team" }).ClickAsync();

        await Assertions.Expect(page).ToHaveTitleAsync(new Regex("^Error: "));
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Enter the team's name");
        await Axe.AssertNoViolationsAsync(page);
    }

    [SkippableFact]
    public async Task An_officer_signs_in_with_two_factor_opens_a_referral_and_closes_it_by_keyboard()
    {
        var (key, reference) = await SeedOfficerAndReferralAsync("officer-browser");
        await using var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("User name or email address").FillAsync("officer-browser");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(PortalFactory.StaffPassword);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/two-factor-sign-in"));
        await page.GetByLabel("Security code").FillAsync(new Totp(Base32Encoding.ToBytes(key)).ComputeTotp());
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin"));

        await page.GotoAsync("/admin/referrals");
        await Axe.AssertNoViolationsAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = reference }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Referral {reference}");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Robin Example");
        await Axe.AssertNoViolationsAsync(page);

        // Closing without an outcome is refused with a GOV.UK error.
        await page.GetByLabel("Closed").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save status" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveTitleAsync(new Regex("^Error: "));
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Select the outcome before closing the referral");
        await Axe.AssertNoViolationsAsync(page);

        await page.GetByLabel("Closed").CheckAsync();
        await page.GetByLabel("Outcome (needed to close it)").SelectOptionAsync("Support offered and accepted");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save status" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Closed: Support offered and accepted");

        await page.GotoAsync($"/admin/referrals/{reference}/print");
        await Assertions.Expect(page.Locator(".govuk-service-navigation")).ToHaveCountAsync(0);
        await Axe.AssertNoViolationsAsync(page);
    }

    /// <summary>An officer of the domestic abuse team with an authenticator app, and one referral for that team.</summary>
    private async Task<(string Key, string Reference)> SeedOfficerAndReferralAsync(string userName)
    {
        await _browser.Portal.CreateStaffAsync(userName, PortalRoles.ReferralOfficer);
        await using var scope = _browser.Portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByNameAsync(userName))!;
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);

        var db = scope.ServiceProvider.GetRequiredService<ReferralsDbContext>();
        var protector = scope.ServiceProvider.GetRequiredService<ReferralProtector>();
        var team = await db.Teams.SingleAsync(t => t.Name == "Domestic abuse team");
        db.TeamMembers.Add(new TeamMember { TeamId = team.Id, UserId = user.Id, UserName = userName });
        var now = _browser.Portal.Clock.GetUtcNow().UtcDateTime;
        var referral = new Referral
        {
            Reference = ReferenceGenerator.Next(),
            SubmissionKey = Guid.NewGuid().ToString("N"),
            FormContentItemId = "form-domestic-abuse",
            FormSlug = "domestic-abuse",
            FormTitle = "Domestic abuse: get support for yourself",
            TeamId = team.Id,
            Priority = ReferralPriority.Urgent,
            Status = ReferralStatus.New,
            ReceivedUtc = now,
            UpdatedUtc = now,
            ProtectedRoutingReason = protector.Protect("Rule 1 'Domestic abuse, high risk': form is domestic-abuse; 4 risk indicators (at least 3)"),
            ProtectedAnswers = protector.ProtectAnswers(new AnswersSnapshot([new AnswerRow("About you", "Your name", "Robin Example"), new AnswerRow("Your safety", "Are you very frightened of them?", "Yes")], [])),
        };
        db.Referrals.Add(referral);
        await db.SaveChangesAsync();
        return ((await users.GetAuthenticatorKeyAsync(user))!, referral.Reference);
    }
}
