using System.Globalization;
using Microsoft.AspNetCore.Http;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Display;
using SaferBcp.Pages.Models;

namespace SaferBcp.Pages.Services;

/// <summary>Reads the page, campaign and news fields from the editor form.</summary>
public sealed class PageEditor : IContentEditor
{
    public const int CallToActionRows = 3;

    public bool Handles(string contentType) => PageTypes.IsPageType(contentType);

    public string PartialViewName => "~/Views/Pages/_ArticleEditor.cshtml";

    public void Bind(ContentItem item, IFormCollection form)
    {
        var actions = new List<CallToAction>();
        for (var i = 0; i < CallToActionRows; i++)
        {
            var text = form[$"ArticlePart.CallsToAction[{i}].Text"].ToString().Trim();
            var url = form[$"ArticlePart.CallsToAction[{i}].Url"].ToString().Trim();
            if (text.Length > 0 || url.Length > 0)
            {
                actions.Add(new CallToAction { Text = text, Url = url });
            }
        }

        item.Apply(new ArticlePart
        {
            Summary = form["ArticlePart.Summary"].ToString().Trim(),
            Markdown = form["ArticlePart.Markdown"].ToString().Replace("\r\n", "\n", StringComparison.Ordinal),
            Sensitive = form["ArticlePart.Sensitive"].ToString() == "true",
            HeroImage = NullIfEmpty(form["ArticlePart.HeroImage"].ToString()),
            HeroImageAlt = NullIfEmpty(form["ArticlePart.HeroImageAlt"].ToString()),
            CallsToAction = actions,
        });

        if (item.ContentType == PageTypes.Campaign)
        {
            item.Apply(new CampaignPart
            {
                StartsOn = ParseDate(form["CampaignPart.StartsOn"]),
                EndsOn = ParseDate(form["CampaignPart.EndsOn"]),
                BannerText = form["CampaignPart.BannerText"].ToString().Trim(),
            });
        }

        if (item.ContentType == PageTypes.News)
        {
            item.Apply(new NewsPart { Date = ParseDate(form["NewsPart.Date"]), MonthOnly = form["NewsPart.MonthOnly"] == "true" });
        }
    }

    private static DateOnly? ParseDate(string? value) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static string? NullIfEmpty(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
