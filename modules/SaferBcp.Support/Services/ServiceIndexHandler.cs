using SaferBcp.Cms.Content;
using SaferBcp.Support.Models;

namespace SaferBcp.Support.Services;

/// <summary>Keeps the service index equal to what is published.</summary>
public sealed class ServiceIndexHandler : IContentHandler
{
    private readonly SupportDbContext _db;

    public ServiceIndexHandler(SupportDbContext db) => _db = db;

    public async Task PublishedAsync(ContentItem item)
    {
        if (item.ContentType != SupportTypes.Service)
        {
            return;
        }

        var service = item.As<ServicePart>();
        var row = await _db.Services.FindAsync(item.ContentItemId) ?? _db.Services.Add(new ServiceIndex { ContentItemId = item.ContentItemId }).Entity;
        row.Title = item.DisplayText;
        row.Path = item.Path ?? "";
        row.Summary = service.Summary;
        row.Audiences = ServiceOptions.AudienceFlags(service.Audiences);
        row.Topics = ServiceOptions.TopicFlags(service.Topics);
        row.Areas = ServiceOptions.AreaFlags(service.Areas);
        row.Phone = Blank(service.Phone);
        row.TextNumber = Blank(service.TextNumber);
        row.OpenAllHours = service.OpenAllHours;
        row.Hours = service.OpenAllHours ? null : Blank(service.Hours);
        row.ReferralFormSlug = Blank(service.ReferralFormSlug);
        await _db.SaveChangesAsync();
    }

    public async Task UnpublishedAsync(ContentItem item)
    {
        if (await _db.Services.FindAsync(item.ContentItemId) is { } row)
        {
            _db.Services.Remove(row);
            await _db.SaveChangesAsync();
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
