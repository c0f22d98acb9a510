using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Data;
using SaferBcp.Forms.Models;

namespace SaferBcp.Portal.BrowserTests;

/// <summary>
/// axe on every page, not a chosen few: every back-office page the portal maps (read from ASP.NET Core's endpoint data
/// source, with real ids from the starting site so that detail and edit pages are included), and every public page
/// with the error state of each form's first question page. One test per side, reporting every page at fault at once.
/// </summary>
public sealed class EveryPageAccessibilityTests
{
    /// <summary>Routes that answer with a file to download, not a page.</summary>
    private static bool IsDownload(string pattern) =>
        pattern.EndsWith(".csv", StringComparison.Ordinal) || pattern.EndsWith(".xlsx", StringComparison.Ordinal)
        || pattern.EndsWith(".json", StringComparison.Ordinal) || pattern.EndsWith(".geojson", StringComparison.Ordinal) || pattern == "admin/recipes/export";

    private static List<string> GetPatterns(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains(HttpMethods.Get) == true)
            .Select(e => e.RoutePattern.RawText ?? "")
            .Where(p => !IsDownload(p))
            .Distinct()
            .OrderBy(p => p, StringComparer.Ordinal)
            .ToList();

    /// <summary>The addresses to check for one back-office route, from the starting site's own data.</summary>
    private static async Task<IReadOnlyList<string>> AdminSamplesAsync(string pattern, IServiceProvider services)
    {
        var cms = services.GetRequiredService<CmsDbContext>();
        var dataset = services.GetRequiredService<Dataset.DatasetDbContext>();
        var referrals = services.GetRequiredService<Referrals.ReferralsDbContext>();
        var surveys = services.GetRequiredService<Surveys.SurveysDbContext>();
        async Task<List<string>> OnePerType() => (await cms.ContentItems.AsNoTracking().Where(c => c.Latest).Select(c => new { c.ContentType, c.ContentItemId }).ToListAsync())
            .GroupBy(c => c.ContentType).Select(g => g.OrderBy(c => c.ContentItemId, StringComparer.Ordinal).First().ContentItemId).ToList();
        async Task<List<string>> SurveyIds() => (await cms.ContentItems.AsNoTracking().Where(c => c.Latest && c.ContentType == FormTypes.Form).ToListAsync())
            .Where(c => c.As<FormPart>().Kind == "survey").Select(c => c.ContentItemId).ToList();
        async Task<List<string>> FreeTextQuestions() => (await cms.ContentItems.AsNoTracking().Where(c => c.Latest && c.ContentType == FormTypes.Form).ToListAsync())
            .Where(c => c.As<FormPart>().Kind == "survey")
            .SelectMany(c => c.As<FormPart>().Pages.SelectMany(p => p.Questions)
                .Where(q => q.Type is QuestionType.Text or QuestionType.LongText && !(q.Tag is { } tag && Surveys.Services.SurveySubmissionHandler.ContactTags.Contains(tag)))
                .Select(q => $"{c.ContentItemId}/coding/{q.Id}"))
            .ToList();

        return pattern switch
        {
            "admin/content/new/{type}" => services.GetServices<ContentTypeDefinition>().Select(t => "/admin/content/new/" + t.Name).ToList(),
            "admin/content/{id}/edit" => (await OnePerType()).Select(id => $"/admin/content/{id}/edit").ToList(),
            "admin/content/{id}/preview" => (await OnePerType()).Select(id => $"/admin/content/{id}/preview").ToList(),
            "admin/content/{id}/versions" => (await OnePerType()).Select(id => $"/admin/content/{id}/versions").ToList(),
            "admin/menus/{name}" => (await cms.Menus.Select(m => m.Name).ToListAsync()).Select(n => "/admin/menus/" + n).ToList(),
            "admin/users/{id}" => [$"/admin/users/{await cms.Database.SqlQueryRaw<string>("SELECT \"Id\" AS \"Value\" FROM \"AspNetUsers\"").FirstAsync()}"],
            "admin/dataset/{id:int}" => [$"/admin/dataset/{await dataset.Indicators.Select(i => i.Id).FirstAsync()}"],
            "admin/dataset/{id:int}/edit" => [$"/admin/dataset/{await dataset.Indicators.Select(i => i.Id).FirstAsync()}/edit"],
            "admin/dataset/values/{id:int}" => [$"/admin/dataset/values/{await dataset.Values.Select(v => v.Id).FirstAsync()}"],
            "admin/dataset/{id:int}/mapping" => [$"/admin/dataset/{await SurveyIndicatorAsync(dataset)}/mapping"],
            "admin/dataset/{id:int}/mapping/question" => [$"/admin/dataset/{await SurveyIndicatorAsync(dataset)}/mapping/question?survey={(await SurveyIds()).First()}"],
            "admin/email/templates/{name}" => services.GetServices<Email.Models.EmailTemplateDefinition>().Select(t => "/admin/email/templates/" + t.Name).ToList(),
            "admin/surveys/{id}" => (await SurveyIds()).Select(id => "/admin/surveys/" + id).ToList(),
            "admin/surveys/{id}/results" => (await SurveyIds()).Select(id => $"/admin/surveys/{id}/results").ToList(),
            "admin/surveys/{id}/responses/{responseId:int}" => (await surveys.Responses.Select(r => new { SurveyId = r.SurveyContentItemId, r.Id }).Take(1).ToListAsync()).Select(r => $"/admin/surveys/{r.SurveyId}/responses/{r.Id}").ToList(),

            // The starting site's surveys are not open, and assisted entry is only for an open survey: AssistedBrowserTests checks it with axe.
            "admin/surveys/{id}/assisted" => [],
            "admin/surveys/{id}/coding" => (await SurveyIds()).Select(id => $"/admin/surveys/{id}/coding").ToList(),
            "admin/surveys/{id}/coding/{questionId}" => (await FreeTextQuestions()).Select(q => "/admin/surveys/" + q).ToList(),
            "admin/surveys/{id}/coding/{questionId}/codebook" => (await FreeTextQuestions()).Select(q => $"/admin/surveys/{q}/codebook").ToList(),

            // The starting site has nothing waiting for review; ReviewBrowserTests checks the comparison page with axe.
            "admin/review/{id:int}" => [],

            // The administrator is in no team, so a referral is answered as if it did not exist (ReferralTests cover the officer's pages).
            "admin/referrals/{reference}" or "admin/referrals/{reference}/print" => [],
            "admin/referrals/routing/teams/{id:int}" => (await referrals.Teams.Select(t => t.Id).ToListAsync()).Select(id => $"/admin/referrals/routing/teams/{id}").ToList(),
            "admin/referrals/routing/rules/{id:int}" => (await referrals.Rules.Select(r => r.Id).ToListAsync()).Select(id => $"/admin/referrals/routing/rules/{id}").ToList(),
            _ when !pattern.Contains('{', StringComparison.Ordinal) => ["/" + pattern],
            _ => throw new InvalidOperationException($"No sample address for the back-office route {pattern}: add one to EveryPageAccessibilityTests."),
        };
    }

    private static Task<int> SurveyIndicatorAsync(Dataset.DatasetDbContext dataset) =>
        dataset.Indicators.Where(i => i.Source == Dataset.Models.IndicatorSource.SurveyMapping).Select(i => i.Id).FirstAsync();

    private static async Task<List<string>> CheckAllAsync(IBrowserContext context, IEnumerable<string> urls, Func<IPage, Task>? after = null)
    {
        var problems = new List<string>();
        var page = await context.NewPageAsync();
        foreach (var url in urls)
        {
            var response = await page.GotoAsync(url);
            if (response is null || response.Status != 200)
            {
                problems.Add($"{url} answered {response?.Status}");
                continue;
            }

            if (after is not null)
            {
                await after(page);
            }

            if (await Axe.ViolationsAsync(page) is { } violations)
            {
                problems.Add(violations);
            }
        }

        return problems;
    }

    [Collection(BackOfficeCollection.Name)]
    public sealed class BackOffice
    {
        private readonly BrowserFixture _browser;

        public BackOffice(BrowserFixture browser) => _browser = browser;

        [SkippableFact]
        public async Task Every_back_office_page_has_no_axe_violations()
        {
            await using var context = await _browser.NewAdminContextAsync();
            var urls = new List<string>();
            await using (var scope = _browser.Portal.Services.CreateAsyncScope())
            {
                foreach (var pattern in GetPatterns(scope.ServiceProvider).Where(p => p == "admin" || p.StartsWith("admin/", StringComparison.Ordinal)))
                {
                    urls.AddRange(await AdminSamplesAsync(pattern, scope.ServiceProvider));
                }
            }

            Assert.True(urls.Count > 40, $"only {urls.Count} back-office pages found");
            var problems = await CheckAllAsync(context, urls);
            Assert.True(problems.Count == 0, $"{problems.Count} of {urls.Count} back-office pages:\n" + string.Join("\n", problems));
        }
    }

    [Collection(PublicSiteCollection.Name)]
    public sealed class PublicSite
    {
        private readonly BrowserFixture _browser;

        public PublicSite(BrowserFixture browser) => _browser = browser;

        [SkippableFact]
        public async Task Every_public_page_and_each_forms_error_state_has_no_axe_violations()
        {
            await using var context = await _browser.NewContextAsync();
            List<string> contentPaths, formStarts, firstPages, indicatorPages;
            await using (var scope = _browser.Portal.Services.CreateAsyncScope())
            {
                var services = scope.ServiceProvider;
                var cms = services.GetRequiredService<CmsDbContext>();
                var published = await cms.ContentItems.AsNoTracking().Where(c => c.Published).ToListAsync();
                contentPaths = published.Where(c => !string.IsNullOrEmpty(c.Path)).Select(c => "/" + c.Path!.TrimStart('/')).Distinct().ToList();
                var kinds = services.GetServices<FormKind>().ToDictionary(k => k.Name, k => k.PathPrefix);
                var forms = published.Where(c => c.ContentType == FormTypes.Form).Select(c => c.As<FormPart>()).Where(f => kinds.ContainsKey(f.Kind) && f.Pages.Count > 0).ToList();
                formStarts = forms.Select(f => $"/{kinds[f.Kind]}/{f.Slug}").ToList();
                firstPages = forms.Select(f => $"/{kinds[f.Kind]}/{f.Slug}/{f.Pages[0].Id}").ToList();
                indicatorPages = (await services.GetRequiredService<Dataset.DatasetDbContext>().Indicators.Where(i => i.Published).Select(i => i.Code).ToListAsync()).Select(c => "/data/" + c).ToList();
                contentPaths.AddRange(GetPatterns(services).Where(p => !p.StartsWith("admin", StringComparison.Ordinal) && !p.StartsWith("account/", StringComparison.Ordinal) && !p.Contains('{', StringComparison.Ordinal)
                    && p is not ("error" or "exit-this-page" or "/health/live" or "/health/ready" or "/.well-known/security.txt")).Select(p => "/" + p.TrimStart('/')));
            }

            var pages = contentPaths.Concat(formStarts).Concat(firstPages).Concat(indicatorPages).Append("/search?q=knife").Append("/account/sign-in").Distinct().ToList();
            var problems = await CheckAllAsync(context, pages);

            // Each form's first question page sent with nothing filled in (or whatever it shows when nothing is required).
            problems.AddRange(await CheckAllAsync(context, firstPages, async page =>
            {
                await page.Locator("main form button[type=submit], main form .govuk-button").First.ClickAsync();
                await page.WaitForLoadStateAsync();
            }));

            // The support finder's questions without an answer, the Safe Places locator with a postcode it cannot read.
            problems.AddRange(await CheckAllAsync(context, ["/support/who", "/support/what", "/support/where"], async page =>
            {
                await page.Locator("main form button[type=submit], main form .govuk-button").First.ClickAsync();
                await page.WaitForLoadStateAsync();
            }));
            problems.AddRange(await CheckAllAsync(context, ["/safe-places?postcode=not+a+postcode"]));

            Assert.True(pages.Count > 60, $"only {pages.Count} public pages found");
            Assert.True(problems.Count == 0, $"{problems.Count} of the public pages and error states:\n" + string.Join("\n", problems));
        }
    }
}
