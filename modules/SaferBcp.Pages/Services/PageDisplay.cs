using SaferBcp.Cms.Content;
using SaferBcp.Cms.Display;
using SaferBcp.Cms.Localization;
using SaferBcp.Cms.Settings;
using SaferBcp.Pages.Models;

namespace SaferBcp.Pages.Services;

public sealed class PageDisplay : IContentDisplay
{
    private readonly MarkdownRenderer _markdown;
    private readonly TimeProvider _clock;
    private readonly SiteSettings _settings;
    private readonly ContentTranslations _translations;

    public PageDisplay(MarkdownRenderer markdown, TimeProvider clock, SiteSettings settings, ContentTranslations translations)
    {
        _markdown = markdown;
        _clock = clock;
        _settings = settings;
        _translations = translations;
    }

    public bool Handles(string contentType) => PageTypes.IsPageType(contentType);

    public async Task<ContentDisplayResult> BuildAsync(ContentItem item, bool preview)
    {
        var article = item.As<ArticlePart>();
        var markdown = SettingPlaceholders.Apply(article.Markdown, await _settings.GetAllAsync());
        string html;
        if (item.Culture == PortalCultures.Default)
        {
            html = _markdown.ToHtml(markdown);
        }
        else
        {
            var link = new TranslatedLinks(item.Culture, await _translations.PublishedPathsAsync(item.Culture));
            html = _markdown.ToHtml(markdown, link.Rewrite);
            foreach (var action in article.CallsToAction)
            {
                action.Url = link.Rewrite(action.Url);
            }
        }

        var model = new ArticleViewModel(
            item,
            article,
            html,
            item.ContentType == PageTypes.Campaign ? item.As<CampaignPart>() : null,
            item.ContentType == PageTypes.News ? item.As<NewsPart>() : null,
            UkTime.Today(_clock),
            preview);
        return new ContentDisplayResult("~/Views/Pages/Article.cshtml", model, article.Sensitive);
    }
}

public sealed record ArticleViewModel(ContentItem Item, ArticlePart Article, string BodyHtml, CampaignPart? Campaign, NewsPart? News, DateOnly Today, bool Preview);

public sealed class PageSearchText : IContentSearchText
{
    public bool Handles(string contentType) => PageTypes.IsPageType(contentType);

    public SearchText Build(ContentItem item)
    {
        var article = item.As<ArticlePart>();
        var kind = item.ContentType switch
        {
            PageTypes.Campaign => "Campaign",
            PageTypes.News => "News",
            _ => "Page",
        };
        return new SearchText(item.DisplayText, article.Summary, MarkdownRenderer.ToPlainText(SettingPlaceholders.WithoutPlaceholders(article.Markdown)), PortalCultures.AddressIn(item.Culture, "/" + item.Path), kind)
        {
            Culture = item.Culture,
        };
    }
}
