using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Data;
using SaferBcp.Cms.Security;
using SaferBcp.Dataset;
using SaferBcp.Email.Models;
using SaferBcp.Forms.Models;
using SaferBcp.Media;
using SaferBcp.Referrals;

namespace SaferBcp.Portal.Tests.Security;

/// <summary>Real addresses of the starting site, read from its database: what the security tests fill route parameters with.</summary>
public sealed class SiteFacts
{
    public required IReadOnlyList<RouteEndpoint> Endpoints { get; init; }

    /// <summary>Every published content item's address (pages, campaigns, news, services, Safe Places...).</summary>
    public required IReadOnlyList<string> ContentPaths { get; init; }

    /// <summary>Every published form's start page and question pages, check and confirmation pages.</summary>
    public required IReadOnlyList<string> FormPages { get; init; }

    /// <summary>The question pages of published forms, which take answers by POST.</summary>
    public required IReadOnlyList<string> FormAnswerPages { get; init; }

    public required string PageId { get; init; }

    public required string PageType { get; init; }

    public required string PagePath { get; init; }

    public required string UserId { get; init; }

    public required string MenuName { get; init; }

    public required int IndicatorId { get; init; }

    public required string IndicatorCode { get; init; }

    /// <summary>An indicator worked out from survey answers (the only kind with a survey mapping to edit).</summary>
    public required int SurveyIndicatorId { get; init; }

    public required int DataValueId { get; init; }

    public required string EmailTemplate { get; init; }

    public required int TeamId { get; init; }

    public required int RuleId { get; init; }

    public required string? MediaUrl { get; init; }

    public required string? SafePlacePath { get; init; }

    public required string FormUrl { get; init; }

    public required string FormFirstPage { get; init; }

    public static async Task<SiteFacts> ReadAsync(PortalFactory portal, string? userName = null)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var cms = services.GetRequiredService<CmsDbContext>();
        var published = await cms.ContentItems.AsNoTracking().Where(c => c.Published).ToListAsync();
        var page = published.First(c => c.ContentType == "Page" && c.Path != null && c.Path != "");
        var kinds = services.GetServices<FormKind>().ToDictionary(k => k.Name, k => k.PathPrefix);
        var formPages = new List<string>();
        var answerPages = new List<string>();
        string? formUrl = null, firstPage = null;
        foreach (var form in published.Where(c => c.ContentType == "Form").Select(c => c.As<FormPart>()).Where(f => kinds.ContainsKey(f.Kind)))
        {
            var start = $"/{kinds[form.Kind]}/{form.Slug}";
            formUrl ??= start;
            firstPage ??= $"{start}/{form.Pages[0].Id}";
            formPages.Add(start);
            formPages.Add(start + "/check");
            formPages.Add(start + "/confirmation");
            foreach (var formPage in form.Pages)
            {
                formPages.Add($"{start}/{formPage.Id}");
                answerPages.Add($"{start}/{formPage.Id}");
            }
        }

        var users = services.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByNameAsync(userName ?? PortalFactory.AdminUser);
        var dataset = services.GetRequiredService<DatasetDbContext>();
        var referrals = services.GetRequiredService<ReferralsDbContext>();
        var media = services.GetRequiredService<MediaDbContext>();
        var paths = published.Where(c => !string.IsNullOrEmpty(c.Path)).Select(c => "/" + c.Path!.TrimStart('/')).Distinct().ToList();
        return new SiteFacts
        {
            Endpoints = services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList(),
            ContentPaths = paths,
            FormPages = formPages,
            FormAnswerPages = answerPages,
            PageId = page.ContentItemId,
            PageType = page.ContentType,
            PagePath = "/" + page.Path!.TrimStart('/'),
            UserId = user!.Id,
            MenuName = await cms.Menus.Select(m => m.Name).FirstAsync(),
            IndicatorId = await dataset.Indicators.Select(i => i.Id).FirstAsync(),
            IndicatorCode = await dataset.Indicators.Where(i => i.Published).Select(i => i.Code).FirstAsync(),
            SurveyIndicatorId = await dataset.Indicators.Where(i => i.Source == Dataset.Models.IndicatorSource.SurveyMapping).Select(i => i.Id).FirstAsync(),
            DataValueId = await dataset.Values.Select(v => v.Id).FirstAsync(),
            EmailTemplate = services.GetServices<EmailTemplateDefinition>().First().Name,
            TeamId = await referrals.Teams.Select(t => t.Id).FirstAsync(),
            RuleId = await referrals.Rules.Select(r => r.Id).FirstAsync(),
            MediaUrl = await media.Files.Select(f => f.Url).FirstOrDefaultAsync(),
            SafePlacePath = paths.FirstOrDefault(p => p.StartsWith("/safe-places/", StringComparison.Ordinal)),
            FormUrl = formUrl!,
            FormFirstPage = firstPage!,
        };
    }
}
