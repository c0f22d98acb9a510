using SaferBcp.Cms.Content;
using SaferBcp.Cms.Display;
using SaferBcp.SafePlaces.Models;

namespace SaferBcp.SafePlaces.Services;

public sealed record SafePlaceViewModel(ContentItem Item, SafePlacePart Place, OpeningHours Hours, OpeningStatus Status, DateOnly Today, bool Preview);

/// <summary>
/// Renders a place for the back-office preview. The public page is served by SafePlacesController at
/// /safe-places/{slug}, which also hides places not checked for too long.
/// </summary>
public sealed class SafePlaceDisplay : IContentDisplay
{
    private readonly TimeProvider _clock;

    public SafePlaceDisplay(TimeProvider clock) => _clock = clock;

    public bool Handles(string contentType) => contentType == SafePlaceTypes.SafePlace;

    public Task<ContentDisplayResult> BuildAsync(ContentItem item, bool preview) =>
        Task.FromResult(new ContentDisplayResult("~/Views/SafePlaces/Place.cshtml", Build(item, _clock, preview), Sensitive: false));

    public static SafePlaceViewModel Build(ContentItem item, TimeProvider clock, bool preview)
    {
        var place = item.As<SafePlacePart>();
        var hours = OpeningHours.From(place);
        return new SafePlaceViewModel(item, place, hours, OpeningHoursCalculator.StatusAt(hours, clock.GetUtcNow()), UkTime.Today(clock), preview);
    }
}
