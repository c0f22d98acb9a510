using SaferBcp.Cms.Content;
using SaferBcp.Cms.Display;
using SaferBcp.Cms.Settings;
using SaferBcp.Support.Models;

namespace SaferBcp.Support.Services;

/// <summary>A service's own page. Sent no-store: a service page says what the visitor may be going through.</summary>
public sealed class ServiceDisplay : IContentDisplay
{
    private readonly MarkdownRenderer _markdown;
    private readonly SiteSettings _settings;

    public ServiceDisplay(MarkdownRenderer markdown, SiteSettings settings)
    {
        _markdown = markdown;
        _settings = settings;
    }

    public bool Handles(string contentType) => contentType == SupportTypes.Service;

    public async Task<ContentDisplayResult> BuildAsync(ContentItem item, bool preview)
    {
        var service = item.As<ServicePart>();
        var description = SettingPlaceholders.Apply(service.Description, await _settings.GetAllAsync());
        var model = new ServiceViewModel(item, service, _markdown.ToHtml(description), preview);
        return new ContentDisplayResult("~/Views/SupportService/Service.cshtml", model, Sensitive: true);
    }
}

public sealed record ServiceViewModel(ContentItem Item, ServicePart Service, string DescriptionHtml, bool Preview)
{
    public IEnumerable<string> AudienceLabels => ServiceOptions.Labels(ServiceOptions.Audiences, Service.Audiences);

    public IEnumerable<string> TopicLabels => ServiceOptions.Labels(ServiceOptions.Topics, Service.Topics);

    public IEnumerable<string> AreaLabels => ServiceOptions.Labels(ServiceOptions.Areas, Service.Areas);

    public string? AgeRange => (Service.MinimumAge, Service.MaximumAge) switch
    {
        ({ } min, { } max) => $"{min} to {max}",
        ({ } min, null) => $"{min} and over",
        (null, { } max) => $"Up to {max}",
        _ => null,
    };
}

/// <summary>How services read to the site search: Kind "Service", with the phone and hours for the result layout.</summary>
public sealed class ServiceSearchText : IContentSearchText
{
    public bool Handles(string contentType) => contentType == SupportTypes.Service;

    public SearchText Build(ContentItem item)
    {
        var service = item.As<ServicePart>();
        var topics = string.Join(", ", ServiceOptions.Labels(ServiceOptions.Topics, service.Topics));
        var areas = string.Join(", ", ServiceOptions.Labels(ServiceOptions.Areas, service.Areas));
        var body = string.Join("\n", new[] { MarkdownRenderer.ToPlainText(SettingPlaceholders.WithoutPlaceholders(service.Description)), topics, areas, service.Phone, service.Hours }.Where(s => !string.IsNullOrWhiteSpace(s)));
        var facts = new Dictionary<string, string>();
        if (!string.IsNullOrWhiteSpace(service.Phone))
        {
            facts[SearchFacts.Phone] = service.Phone.Trim();
        }

        if (service.OpenAllHours)
        {
            facts[SearchFacts.OpenAllHours] = "true";
        }
        else if (!string.IsNullOrWhiteSpace(service.Hours))
        {
            facts[SearchFacts.Hours] = service.Hours.Trim();
        }

        return new SearchText(item.DisplayText, service.Summary, body, "/" + item.Path, "Service") { Facts = facts };
    }
}
