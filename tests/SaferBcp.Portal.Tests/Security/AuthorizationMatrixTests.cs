using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Security;

namespace SaferBcp.Portal.Tests.Security;

/// <summary>
/// Every endpoint the portal maps (read from ASP.NET Core's endpoint data source, none listed by hand), asked for by
/// an anonymous visitor, an Editor, an Analyst, an officer of the domestic abuse team and an Administrator, each signed
/// in through the real password and two-factor pages. What each may get is declared once, in <see cref="Rules"/>; an
/// endpoint without a rule fails the test, so a new endpoint cannot arrive without someone deciding who may use it.
/// </summary>
public sealed class AuthorizationMatrixTests
{
    /// <summary>What a request came back as, from the user's side.</summary>
    public enum Outcome
    {
        /// <summary>The action ran: a page, a file, a redirect elsewhere, or a validation error (2xx, 3xx, 400, 405, 409, 422).</summary>
        Ran,

        /// <summary>404: the thing asked for does not exist, or (referrals of another team) is answered as if it did not.</summary>
        NotFound,

        /// <summary>Redirected to the sign-in page with a return address (the authentication challenge), or 401.</summary>
        SignIn,

        /// <summary>403, or redirected to the access-denied page.</summary>
        Forbidden,

        /// <summary>A 5xx, or a redirect to a page that puts the account right first (change password, set up two-factor).</summary>
        Other,
    }

    /// <summary>Who is asking.</summary>
    public enum Who
    {
        Anonymous,
        Editor,
        Analyst,
        Officer,
        Administrator,
    }

    [Flags]
    public enum Roles
    {
        None = 0,
        Editor = 1,
        Analyst = 2,
        Officer = 4,
        Administrator = 8,
        Staff = Editor | Analyst | Officer | Administrator,
    }

    /// <summary>
    /// One endpoint (method and route pattern, as the endpoint data source spells them) and what each person gets.
    /// <paramref name="Sample"/> is the address asked for: tokens in braces are filled from the starting site (see
    /// <see cref="Fill"/>); "missing" ids that do not exist are used where a POST would change the site, so a person
    /// allowed to use the endpoint gets 404 (the action ran and looked), and one who is not gets 403 before any lookup.
    /// </summary>
    public sealed record Rule(string Endpoint, string Sample, Outcome Anonymous, Outcome Editor, Outcome Analyst, Outcome Officer, Outcome Administrator)
    {
        public Outcome For(Who who) => who switch
        {
            Who.Anonymous => Anonymous,
            Who.Editor => Editor,
            Who.Analyst => Analyst,
            Who.Officer => Officer,
            _ => Administrator,
        };
    }

    /// <summary>Anyone, signed in or not.</summary>
    private static Rule Public(string endpoint, string? sample = null, Outcome outcome = Outcome.Ran) =>
        new(endpoint, sample ?? Path(endpoint), outcome, outcome, outcome, outcome, outcome);

    /// <summary>Any signed-in member of staff; anonymous visitors are sent to sign in.</summary>
    private static Rule SignedIn(string endpoint, string? sample = null) =>
        new(endpoint, sample ?? Path(endpoint), Outcome.SignIn, Outcome.Ran, Outcome.Ran, Outcome.Ran, Outcome.Ran);

    /// <summary>
    /// Only the roles named; other staff are refused, anonymous visitors sent to sign in. Some actions asked about
    /// something that does not exist send the person back to the list or editor with a message, rather than a 404: for
    /// them too the point is that only the roles named get that far.
    /// </summary>
    private static Rule Only(string endpoint, Roles allowed, string? sample = null) => Make(endpoint, allowed, sample, Outcome.Ran);

    /// <summary>Only the roles named, asked about something that does not exist: they get 404, other staff 403.</summary>
    private static Rule OnlyMissing(string endpoint, Roles allowed, string sample) => Make(endpoint, allowed, sample, Outcome.NotFound);

    private static Rule Make(string endpoint, Roles allowed, string? sample, Outcome whenAllowed)
    {
        Outcome For(Roles role) => allowed.HasFlag(role) ? whenAllowed : Outcome.Forbidden;
        return new(endpoint, sample ?? Path(endpoint), Outcome.SignIn, For(Roles.Editor), For(Roles.Analyst), For(Roles.Officer), For(Roles.Administrator));
    }

    private static string Path(string endpoint) => "/" + endpoint[(endpoint.IndexOf(' ', StringComparison.Ordinal) + 1)..];

    private const Roles Admin = Roles.Administrator;
    private const Roles Editors = Roles.Editor | Roles.Administrator;
    private const Roles Analysts = Roles.Analyst | Roles.Administrator;
    private const Roles ContentReaders = Roles.Editor | Roles.Analyst | Roles.Administrator;

    /// <summary>
    /// A referral sent to the domestic abuse team: its officer works on it; an Administrator, who is in no team, is told it
    /// does not exist (as an officer of another team is); Editors and Analysts are refused outright.
    /// </summary>
    private static Rule TeamReferral(string endpoint, string sample) =>
        new(endpoint, sample, Outcome.SignIn, Outcome.Forbidden, Outcome.Forbidden, Outcome.Ran, Outcome.NotFound);

    /// <summary>The one table: every endpoint, who may use it.</summary>
    public static readonly Rule[] Rules =
    [
        // Health probes and the error pages answer anyone; /error and /status are only ever re-executed into.
        Public("* /health/live", "/health/live"),
        Public("* /health/ready", "/health/ready"),
        Public("* error", "/error", Outcome.NotFound),
        Public("* status/{code:int}", "/status/404", Outcome.NotFound),

        // The vulnerability contact: 404 until Portal:SecurityContact is set (it is not, here).
        Public("GET /.well-known/security.txt", "/.well-known/security.txt", Outcome.NotFound),

        // Accounts.
        Public("GET account/sign-in"),
        Public("POST account/sign-in"),
        Public("GET account/two-factor-sign-in"),
        Public("POST account/two-factor-sign-in"),
        SignedIn("GET account/change-password"),
        SignedIn("POST account/change-password"),
        SignedIn("GET account/two-factor"),
        SignedIn("POST account/two-factor"),
        Public("POST account/sign-out"),
        Public("GET account/access-denied", outcome: Outcome.Forbidden),

        // The public site.
        Public("GET ", "/"),
        Public("GET {**path}", "{pagePath}"),
        Public("GET exit-this-page"),
        Public("GET campaigns"),
        Public("GET news"),
        Public("GET search", "/search?q=domestic+abuse"),
        Public("GET data"),
        Public("GET data/{code}", "/data/{indicatorCode}"),
        Public("GET data/dataset.csv"),
        Public("GET data/dataset.json"),
        Public("GET media/{**path}", "/media/no-such-file.png", Outcome.NotFound),
        Public("GET refer-yourself"),
        Public("GET {prefix:formprefix}/{slug}", "{formUrl}"),
        Public("GET {prefix:formprefix}/{slug}/{pageId}", "{formFirstPage}"),
        Public("POST {prefix:formprefix}/{slug}/{pageId}", "{formFirstPage}"),
        Public("GET {prefix:formprefix}/{slug}/check", "{formUrl}/check"),
        Public("POST {prefix:formprefix}/{slug}/check", "{formUrl}/check"),
        Public("GET {prefix:formprefix}/{slug}/confirmation", "{formUrl}/confirmation"),
        Public("GET safe-places"),
        Public("GET safe-places/{slug}", "/safe-places/no-such-place", Outcome.NotFound),
        Public("GET safe-places.csv"),
        Public("GET safe-places.geojson"),
        Public("GET support"),
        Public("GET support/who"),
        Public("GET support/what"),
        Public("GET support/where"),
        Public("GET support/results"),
        Public("POST support/who"),
        Public("POST support/what"),
        Public("POST support/where"),
        Public("POST support/results"),
        Public("GET surveys"),
        Public("GET surveys/{slug}/results", "/surveys/no-such-survey/results", Outcome.NotFound),

        // The back office: the dashboard is for all staff.
        Only("GET admin", Roles.Staff),

        // Kernel: content, menus, users and roles, audit log, settings, recipes.
        Only("GET admin/content", Editors),
        Only("GET admin/content/new/{type}", Editors, "/admin/content/new/{pageType}"),
        Only("POST admin/content/new/{type}", Editors, "/admin/content/new/{pageType}"),
        Only("GET admin/content/{id}/edit", Editors, "/admin/content/{pageId}/edit"),
        OnlyMissing("POST admin/content/{id}/edit", Editors, "/admin/content/no-such-item/edit"),
        Only("POST admin/content/markdown-preview", Editors),
        Only("GET admin/content/{id}/preview", Editors, "/admin/content/{pageId}/preview"),
        Only("POST admin/content/{id}/publish", Editors, "/admin/content/no-such-item/publish"),
        Only("POST admin/content/{id}/unpublish", Editors, "/admin/content/no-such-item/unpublish"),
        Only("POST admin/content/{id}/schedule", Editors, "/admin/content/no-such-item/schedule"),
        Only("GET admin/content/{id}/versions", Editors, "/admin/content/{pageId}/versions"),
        Only("POST admin/content/{id}/versions/{version:int}/restore", Editors, "/admin/content/no-such-item/versions/1/restore"),
        OnlyMissing("POST admin/content/{id}/delete", Editors, "/admin/content/no-such-item/delete"),

        // Content translations (issue 12): add a translation, confirm a translator checked it.
        Only("POST admin/content/{id}/translations", Editors, "/admin/content/no-such-item/translations"),
        Only("POST admin/content/{id}/confirm-translation", Editors, "/admin/content/no-such-item/confirm-translation"),
        Only("GET admin/menus", Editors),
        Only("GET admin/menus/{name}", Editors, "/admin/menus/{menuName}"),
        OnlyMissing("POST admin/menus/{name}", Editors, "/admin/menus/no-such-menu"),
        Only("GET admin/users", Admin),
        Only("GET admin/users/new", Admin),
        Only("POST admin/users/new", Admin),
        Only("GET admin/users/{id}", Admin, "/admin/users/{userId}"),
        OnlyMissing("POST admin/users/{id}/roles", Admin, "/admin/users/no-such-user/roles"),
        OnlyMissing("POST admin/users/{id}/unlock", Admin, "/admin/users/no-such-user/unlock"),
        OnlyMissing("POST admin/users/{id}/reset-two-factor", Admin, "/admin/users/no-such-user/reset-two-factor"),
        Only("GET admin/roles", Admin),
        OnlyMissing("POST admin/roles/{name}", Admin, "/admin/roles/NoSuchRole"),
        Only("GET admin/audit", Admin),
        Only("GET admin/settings", Admin),
        Only("POST admin/settings", Admin),
        Only("GET admin/recipes", Admin),
        Only("GET admin/recipes/export", Admin),
        Only("POST admin/recipes/import", Admin),
        Only("POST admin/recipes/demo", Admin),

        // Media and search (Editors).
        Only("GET admin/media", Editors),
        Only("POST admin/media", Editors),
        Only("POST admin/media/{id:int}/delete", Editors, "/admin/media/999999/delete"),
        Only("GET admin/search", Editors),
        Only("POST admin/search/rebuild", Editors),

        // Email: Administrators only.
        Only("GET admin/email", Admin),
        Only("POST admin/email/test", Admin),
        Only("POST admin/email/{id}/retry", Admin, "/admin/email/00000000-0000-0000-0000-000000000000/retry"),
        Only("POST admin/email/retry-failed", Admin),
        Only("GET admin/email/templates", Admin),
        Only("GET admin/email/templates/{name}", Admin, "/admin/email/templates/{emailTemplate}"),
        OnlyMissing("POST admin/email/templates/{name}", Admin, "/admin/email/templates/no-such-template"),
        OnlyMissing("POST admin/email/templates/{name}/restore", Admin, "/admin/email/templates/no-such-template/restore"),

        // The dataset: Editors and Analysts see it, Analysts manage and export it.
        Only("GET admin/dataset", ContentReaders),
        Only("GET admin/dataset/{id:int}", ContentReaders, "/admin/dataset/{indicatorId}"),
        Only("GET admin/dataset/{id:int}/edit", Analysts, "/admin/dataset/{indicatorId}/edit"),
        OnlyMissing("POST admin/dataset/{id:int}/edit", Analysts, "/admin/dataset/999999/edit"),
        OnlyMissing("POST admin/dataset/{id:int}/publish", Analysts, "/admin/dataset/999999/publish"),
        OnlyMissing("POST admin/dataset/{id:int}/unpublish", Analysts, "/admin/dataset/999999/unpublish"),
        Only("GET admin/dataset/values/{id:int}", Analysts, "/admin/dataset/values/{dataValueId}"),
        OnlyMissing("POST admin/dataset/values/{id:int}", Analysts, "/admin/dataset/values/999999"),
        Only("GET admin/dataset/import", Analysts),
        Only("POST admin/dataset/import", Analysts),
        Only("GET admin/dataset/export.csv", Analysts),
        Only("GET admin/dataset/export.xlsx", Analysts),
        Only("GET admin/dataset/{id:int}/mapping", Analysts, "/admin/dataset/{surveyIndicatorId}/mapping"),
        Only("GET admin/dataset/{id:int}/mapping/question", Analysts, "/admin/dataset/{surveyIndicatorId}/mapping/question"),
        OnlyMissing("POST admin/dataset/{id:int}/mapping", Analysts, "/admin/dataset/999999/mapping"),

        // Surveys: Editors and Analysts see counts and results; only Analysts open or export responses.
        Only("GET admin/surveys", ContentReaders),
        Only("GET admin/surveys/{id}", ContentReaders, "/admin/surveys/{surveyId}"),
        Only("GET admin/surveys/{id}/results", ContentReaders, "/admin/surveys/{surveyId}/results"),
        OnlyMissing("GET admin/surveys/{id}/responses/{responseId:int}", Analysts, "/admin/surveys/{surveyId}/responses/999999"),
        Only("GET admin/surveys/{id}/responses.csv", Analysts, "/admin/surveys/{surveyId}/responses.csv"),
        OnlyMissing("POST admin/surveys/{id}/contacts", Analysts, "/admin/surveys/no-such-survey/contacts"),
        Only("GET admin/surveys/{id}/codebook.csv", Analysts, "/admin/surveys/{surveyId}/codebook.csv"),
        Only("GET admin/surveys/{id}/responses.xlsx", Analysts, "/admin/surveys/{surveyId}/responses.xlsx"),

        // Assisted responses (issue 13): EnterResponses, which no role but Administrator has until an administrator grants it.
        Only("GET admin/surveys/assisted", Admin),
        Only("GET admin/surveys/{id}/assisted", Admin, "/admin/surveys/{surveyId}/assisted"),
        OnlyMissing("POST admin/surveys/{id}/assisted", Admin, "/admin/surveys/no-such-survey/assisted"),
        OnlyMissing("POST admin/surveys/{id}/assisted/import", Admin, "/admin/surveys/no-such-survey/assisted/import"),

        // Campaign reach (issue 12, item 5): ViewReach, which the starting recipe gives Editors, Analysts and Administrators.
        Only("GET admin/reach", ContentReaders),
        Only("GET admin/reach/reach.csv", ContentReaders),

        // Free-text analysis (coding): Analysts only. POSTs sent empty are refused with a message (400: the action ran).
        Only("GET admin/surveys/{id}/coding", Analysts, "/admin/surveys/{surveyId}/coding"),
        Only("GET admin/surveys/{id}/coding/themes.csv", Analysts, "/admin/surveys/{surveyId}/coding/themes.csv"),
        OnlyMissing("POST admin/surveys/{id}/coding/quotes/{quoteId:int}", Analysts, "/admin/surveys/no-such-survey/coding/quotes/999999"),
        Only("GET admin/surveys/{id}/coding/{questionId}/codebook", Analysts, "/admin/surveys/{surveyId}/coding/story/codebook"),
        Only("POST admin/surveys/{id}/coding/{questionId}/themes", Analysts, "/admin/surveys/{surveyId}/coding/story/themes"),
        Only("POST admin/surveys/{id}/coding/{questionId}/themes/{themeId:int}", Analysts, "/admin/surveys/{surveyId}/coding/story/themes/999999"),
        Only("POST admin/surveys/{id}/coding/{questionId}/merge", Analysts, "/admin/surveys/{surveyId}/coding/story/merge"),
        Only("GET admin/surveys/{id}/coding/{questionId}", Analysts, "/admin/surveys/{surveyId}/coding/story"),
        Only("POST admin/surveys/{id}/coding/{questionId}/{responseId:int}", Analysts, "/admin/surveys/{surveyId}/coding/story/999999"),

        // Safe Places (Editors).
        Only("GET admin/safe-places", Editors),
        Only("POST admin/safe-places/import", Editors),
        Only("POST admin/safe-places/postcodes", Editors),
        OnlyMissing("POST admin/safe-places/from-application/{reference}", Editors, "/admin/safe-places/from-application/SB-ZZZZ-ZZ"),

        // Review before publishing: Reviewers (ReviewContent; here only the Administrator) see the queue and decide;
        // anyone who edits content may submit a draft for review.
        Only("GET admin/review", Admin),
        OnlyMissing("GET admin/review/{id:int}", Admin, "/admin/review/999999"),
        Only("POST admin/review/{id:int}/approve", Admin, "/admin/review/999999/approve"),
        Only("POST admin/review/{id:int}/send-back", Admin, "/admin/review/999999/send-back"),
        OnlyMissing("POST admin/review/submit/{contentItemId}", Editors, "/admin/review/submit/no-such-item"),

        // Referrals: officers see their team's; routing is the Administrators'.
        Only("GET admin/referrals", Roles.Officer | Roles.Administrator),
        TeamReferral("GET admin/referrals/{reference}", "/admin/referrals/{reference}"),
        TeamReferral("GET admin/referrals/{reference}/print", "/admin/referrals/{reference}/print"),
        TeamReferral("POST admin/referrals/{reference}/status", "/admin/referrals/{reference}/status"),
        TeamReferral("POST admin/referrals/{reference}/notes", "/admin/referrals/{reference}/notes"),
        TeamReferral("POST admin/referrals/{reference}/reassign", "/admin/referrals/{reference}/reassign"),
        Only("GET admin/referrals/routing", Admin),
        Only("GET admin/referrals/routing/teams/new", Admin),
        Only("GET admin/referrals/routing/teams/{id:int}", Admin, "/admin/referrals/routing/teams/{teamId}"),
        Only("POST admin/referrals/routing/teams/new", Admin),
        OnlyMissing("POST admin/referrals/routing/teams/{id:int}", Admin, "/admin/referrals/routing/teams/999999"),
        OnlyMissing("POST admin/referrals/routing/teams/{id:int}/delete", Admin, "/admin/referrals/routing/teams/999999/delete"),
        OnlyMissing("POST admin/referrals/routing/teams/{id:int}/members", Admin, "/admin/referrals/routing/teams/999999/members"),
        OnlyMissing("POST admin/referrals/routing/teams/{id:int}/members/{memberId:int}/delete", Admin, "/admin/referrals/routing/teams/999999/members/999999/delete"),
        Only("GET admin/referrals/routing/rules/new", Admin),
        Only("GET admin/referrals/routing/rules/{id:int}", Admin, "/admin/referrals/routing/rules/{ruleId}"),
        Only("POST admin/referrals/routing/rules/new", Admin),
        OnlyMissing("POST admin/referrals/routing/rules/{id:int}", Admin, "/admin/referrals/routing/rules/999999"),
        OnlyMissing("POST admin/referrals/routing/rules/{id:int}/delete", Admin, "/admin/referrals/routing/rules/999999/delete"),
        OnlyMissing("POST admin/referrals/routing/rules/{id:int}/move", Admin, "/admin/referrals/routing/rules/999999/move"),
        Only("POST admin/referrals/routing/settings", Admin),
        Only("POST admin/referrals/routing/retention", Admin),
    ];

    [Fact]
    public async Task Every_endpoint_answers_each_role_as_its_rule_says()
    {
        using var portal = new ReferralPortal();
        var clients = new Dictionary<Who, HttpClient>();
        try
        {
            clients[Who.Anonymous] = portal.Browser();
            clients[Who.Editor] = await StaffClients.SignedInAsync(portal, "matrix-editor", PortalRoles.Editor);
            clients[Who.Analyst] = await StaffClients.SignedInAsync(portal, "matrix-analyst", PortalRoles.Analyst);
            var officerKey = await portal.CreateOfficerAsync("matrix-officer", "Domestic abuse team");
            clients[Who.Officer] = portal.Browser();
            await ReferralPortal.SignInWithTwoFactorAsync(clients[Who.Officer], "matrix-officer", officerKey);
            clients[Who.Administrator] = await StaffClients.SignedInAsync(portal, "matrix-admin", PortalRoles.Administrator);

            var reference = (await portal.SubmitAsync("domestic-abuse", ReferralPortal.DomesticAbuseAnswers())).Reference;
            var surveyId = await portal.PublishFormAsync("Matrix survey", SurveyPortal.SurveyForm("matrix-survey"), new Surveys.Models.SurveyPart { ClosesOn = new DateOnly(2026, 12, 31) });
            var facts = await SiteFacts.ReadAsync(portal, "matrix-editor");
            var tokens = new Dictionary<string, string>
            {
                ["{pagePath}"] = facts.PagePath,
                ["{pageId}"] = facts.PageId,
                ["{pageType}"] = facts.PageType,
                ["{userId}"] = facts.UserId,
                ["{menuName}"] = facts.MenuName,
                ["{surveyIndicatorId}"] = facts.SurveyIndicatorId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["{indicatorId}"] = facts.IndicatorId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["{indicatorCode}"] = facts.IndicatorCode,
                ["{dataValueId}"] = facts.DataValueId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["{emailTemplate}"] = facts.EmailTemplate,
                ["{teamId}"] = facts.TeamId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["{ruleId}"] = facts.RuleId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["{formUrl}"] = facts.FormUrl,
                ["{formFirstPage}"] = facts.FormFirstPage,
                ["{surveyId}"] = surveyId,
                ["{reference}"] = reference,
            };

            var rules = Rules.ToDictionary(r => r.Endpoint, StringComparer.Ordinal);
            var endpoints = facts.Endpoints.SelectMany(Keys).Distinct().ToList();
            var unruled = endpoints.Where(e => !rules.ContainsKey(e)).ToList();
            Assert.True(unruled.Count == 0, "New endpoint without a rule: " + string.Join("; ", unruled) + ". Add it to AuthorizationMatrixTests.Rules.");
            var stale = rules.Keys.Except(endpoints).ToList();
            Assert.True(stale.Count == 0, "Rule for an endpoint that no longer exists: " + string.Join("; ", stale));

            var wrong = new List<string>();
            foreach (var who in Enum.GetValues<Who>())
            {
                var client = clients[who];
                var antiforgery = await AntiforgeryTokenAsync(client, who);

                // What ends a session (signing in again, signing out, "Exit this page" deleting cookies) last, so every
                // other request is made signed in.
                foreach (var rule in Rules.OrderBy(r => EndsSession.Contains(r.Endpoint)))
                {
                    var method = rule.Endpoint.StartsWith("POST ", StringComparison.Ordinal) ? HttpMethod.Post : HttpMethod.Get;
                    var url = Fill(rule.Sample, tokens);
                    using var request = new HttpRequestMessage(method, url);
                    if (method == HttpMethod.Post)
                    {
                        request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = antiforgery });
                    }

                    using var response = await client.SendAsync(request);
                    var outcome = Classify(response);
                    if (outcome != rule.For(who))
                    {
                        wrong.Add($"{who} {method} {url} ({rule.Endpoint}): expected {rule.For(who)}, got {outcome} ({(int)response.StatusCode} {response.Headers.Location})");
                    }
                }
            }

            Assert.True(wrong.Count == 0, $"{wrong.Count} answers broke the rules:\n" + string.Join("\n", wrong));
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
        }
    }

    private static readonly HashSet<string> EndsSession = new(StringComparer.Ordinal)
    {
        "POST account/sign-in", "POST account/two-factor-sign-in", "POST account/sign-out", "GET exit-this-page",
    };

    [Fact]
    public void Every_rule_is_for_one_endpoint_only()
    {
        var duplicates = Rules.GroupBy(r => r.Endpoint).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(duplicates);
    }

    /// <summary>"GET admin/users", one per HTTP method; "* error" for an endpoint that answers any method.</summary>
    public static IEnumerable<string> Keys(RouteEndpoint endpoint)
    {
        var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [];
        return methods.Count == 0 ? [$"* {endpoint.RoutePattern.RawText}"] : methods.Select(m => $"{m} {endpoint.RoutePattern.RawText}");
    }

    public static Outcome Classify(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var location = response.Headers.Location?.OriginalString ?? "";
        var redirect = status is >= 300 and < 400;
        if (status == 401 || (redirect && location.Contains("/account/sign-in", StringComparison.Ordinal) && location.Contains("ReturnUrl=", StringComparison.OrdinalIgnoreCase)))
        {
            return Outcome.SignIn;
        }

        if (status == 403 || (redirect && location.Contains("/account/access-denied", StringComparison.Ordinal)))
        {
            return Outcome.Forbidden;
        }

        if (status == 404)
        {
            return Outcome.NotFound;
        }

        if (status >= 500 || (redirect && (location.Contains("/account/two-factor", StringComparison.Ordinal) || location.Contains("/account/change-password", StringComparison.Ordinal))))
        {
            return Outcome.Other;
        }

        return Outcome.Ran;
    }

    private static string Fill(string sample, Dictionary<string, string> tokens)
    {
        foreach (var (token, value) in tokens)
        {
            sample = sample.Replace(token, value, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("{", sample, StringComparison.Ordinal);
        return sample;
    }

    private static async Task<string> AntiforgeryTokenAsync(HttpClient client, Who who) =>
        PortalFactory.AntiforgeryToken(await client.GetStringAsync(who == Who.Anonymous ? "/account/sign-in" : "/account/change-password"));
}
