using SaferBcp.Cms.Content;
using SaferBcp.Pages.Models;

namespace SaferBcp.Pages.Services;

/// <summary>Keeps the campaign and news index tables equal to what is published.</summary>
public sealed class PageIndexHandler : IContentHandler
{
    private readonly PagesDbContext _db;

    public PageIndexHandler(PagesDbContext db) => _db = db;

    public async Task PublishedAsync(ContentItem item)
    {
        if (item.ContentType == PageTypes.Campaign)
        {
            var campaign = item.As<CampaignPart>();
            var row = await _db.Campaigns.FindAsync(item.ContentItemId) ?? _db.Campaigns.Add(new CampaignIndex { ContentItemId = item.ContentItemId }).Entity;
            row.Title = item.DisplayText;
            row.Path = item.Path ?? "";
            row.Summary = item.As<ArticlePart>().Summary;
            row.BannerText = campaign.BannerText;
            row.StartsOn = campaign.StartsOn ?? DateOnly.MinValue;
            row.EndsOn = campaign.EndsOn ?? DateOnly.MinValue;
            await _db.SaveChangesAsync();
        }
        else if (item.ContentType == PageTypes.News)
        {
            var row = await _db.News.FindAsync(item.ContentItemId) ?? _db.News.Add(new NewsIndex { ContentItemId = item.ContentItemId }).Entity;
            row.Title = item.DisplayText;
            row.Path = item.Path ?? "";
            row.Summary = item.As<ArticlePart>().Summary;
            var news = item.As<NewsPart>();
            row.Date = news.Date ?? DateOnly.FromDateTime(item.PublishedUtc ?? item.CreatedUtc);
            row.MonthOnly = news.Date is not null && news.MonthOnly;
            await _db.SaveChangesAsync();
        }
    }

    public async Task UnpublishedAsync(ContentItem item)
    {
        if (await _db.Campaigns.FindAsync(item.ContentItemId) is { } campaign)
        {
            _db.Campaigns.Remove(campaign);
        }

        if (await _db.News.FindAsync(item.ContentItemId) is { } news)
        {
            _db.News.Remove(news);
        }

        await _db.SaveChangesAsync();
    }
}
