using System.Text.Json;
using Microsoft.Extensions.Options;
using SaferBcp.Cms.Content;
using SaferBcp.SafePlaces.Models;
using SaferBcp.Cms.Formats;

namespace SaferBcp.SafePlaces.Services;

public sealed class SafePlacesOptions
{
    /// <summary>Places not checked for this many months are flagged in the back office.</summary>
    public int FlagAfterMonths { get; set; } = 12;

    /// <summary>Places not checked for this many months disappear from every public page, file and search.</summary>
    public int HideAfterMonths { get; set; } = 18;

    public int PageSize { get; set; } = 20;
}

/// <summary>Which places the public may see today, and which staff should check.</summary>
public sealed class SafePlaceFreshness
{
    private readonly SafePlacesOptions _options;
    private readonly TimeProvider _clock;

    public SafePlaceFreshness(IOptions<SafePlacesOptions> options, TimeProvider clock)
    {
        _options = options.Value;
        _clock = clock;
    }

    public DateOnly Today => UkTime.Today(_clock);

    /// <summary>Places last checked on or before this date are hidden from the public.</summary>
    public DateOnly HiddenOnOrBefore => Today.AddMonths(-_options.HideAfterMonths);

    public DateOnly FlaggedOnOrBefore => Today.AddMonths(-_options.FlagAfterMonths);

    public bool IsHidden(DateOnly lastVerified) => lastVerified <= HiddenOnOrBefore;

    public bool NeedsChecking(DateOnly lastVerified) => lastVerified <= FlaggedOnOrBefore;

    public int FlagAfterMonths => _options.FlagAfterMonths;

    public int HideAfterMonths => _options.HideAfterMonths;
}

public static class OpeningHoursJson
{
    // S (special hours) came later: rows written before it have none.
    private sealed record Stored(List<StoredRange> R, List<DateOnly> C, List<StoredSpecial>? S);

    private sealed record StoredRange(DayOfWeek D, TimeOnly O, TimeOnly C);

    private sealed record StoredSpecial(DateOnly D, List<StoredRange> R);

    private static List<StoredRange> ToStored(IEnumerable<OpeningRange> ranges) => ranges.Select(r => new StoredRange(r.Day, r.Opens, r.Closes)).ToList();

    private static List<OpeningRange> FromStored(IEnumerable<StoredRange> ranges) => ranges.Select(r => new OpeningRange(r.D, r.O, r.C)).ToList();

    public static string Write(OpeningHours hours) =>
        JsonSerializer.Serialize(new Stored(ToStored(hours.Ranges), hours.ClosedDates.ToList(), hours.Special.Select(s => new StoredSpecial(s.Date, ToStored(s.Ranges))).ToList()), ContentJson.Options);

    // Many places share the same hours, and the locator reads every candidate's on each request: parse each text once.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, OpeningHours> Parsed = new(StringComparer.Ordinal);

    public static OpeningHours Read(string json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return OpeningHours.None;
        }

        if (Parsed.TryGetValue(json, out var cached))
        {
            return cached;
        }

        var stored = JsonSerializer.Deserialize<Stored>(json, ContentJson.Options)!;
        var hours = new OpeningHours(FromStored(stored.R), stored.C, (stored.S ?? []).Select(s => new SpecialHours(s.D, FromStored(s.R))).ToList());
        if (Parsed.Count >= 20_000)
        {
            Parsed.Clear();
        }

        Parsed[json] = hours;
        return hours;
    }
}

/// <summary>Keeps the index table equal to the published places.</summary>
public sealed class SafePlaceIndexHandler : IContentHandler
{
    private readonly SafePlacesDbContext _db;
    private readonly TimeProvider _clock;

    public SafePlaceIndexHandler(SafePlacesDbContext db, TimeProvider clock)
    {
        _db = db;
        _clock = clock;
    }

    public async Task PublishedAsync(ContentItem item)
    {
        if (item.ContentType != SafePlaceTypes.SafePlace)
        {
            return;
        }

        // A draft made from an application may be incomplete; it cannot go public until an officer completes it.
        var incomplete = SafePlaceRules.Check(item.DisplayText, item.As<SafePlacePart>(), UkTime.Today(_clock));
        if (incomplete.Count > 0)
        {
            var result = new ContentValidationResult();
            foreach (var (field, message) in incomplete)
            {
                result.Add(field, message);
            }

            throw new ContentValidationException(result);
        }

        var row = await _db.Places.FindAsync(item.ContentItemId) ?? _db.Places.Add(new SafePlaceIndex { ContentItemId = item.ContentItemId }).Entity;
        Fill(row, item);
        await _db.SaveChangesAsync();
    }

    public async Task UnpublishedAsync(ContentItem item)
    {
        if (item.ContentType == SafePlaceTypes.SafePlace && await _db.Places.FindAsync(item.ContentItemId) is { } row)
        {
            _db.Places.Remove(row);
            await _db.SaveChangesAsync();
        }
    }

    public static void Fill(SafePlaceIndex row, ContentItem item)
    {
        var part = item.As<SafePlacePart>();
        var postcode = UkPostcode.TryParse(part.Postcode, allowDistrict: true, out var parsed) ? parsed : null;
        row.Name = item.DisplayText;
        row.Category = part.Category ?? SafePlaceCategory.Other;
        row.Area = part.Area ?? BcpArea.Bournemouth;
        row.Locality = part.Locality.Trim();
        row.Address = part.Address.Trim();
        row.Postcode = postcode?.ToString() ?? part.Postcode;
        row.District = postcode?.District ?? "";
        row.Latitude = part.LatitudeValue;
        row.Longitude = part.LongitudeValue;
        row.Facilities = (int)part.Facilities;
        row.Schemes = (int)part.Schemes;
        row.Phone = part.Phone.Trim();
        row.Description = part.Description.Trim();
        row.LastVerified = part.LastVerifiedValue ?? DateOnly.MinValue;
        row.Path = item.Path ?? "";
        row.OpeningHoursJson = OpeningHoursJson.Write(OpeningHours.From(part));
    }
}

public sealed class SafePlaceValidator : IContentValidator
{
    private readonly TimeProvider _clock;

    public SafePlaceValidator(TimeProvider clock) => _clock = clock;

    public Task ValidateAsync(ContentItem item, ContentValidationResult result)
    {
        var path = ContentPath.Normalize(item.Path ?? (item.Has<AutoroutePart>() ? item.As<AutoroutePart>().Path : ""));
        if (item.ContentType != SafePlaceTypes.SafePlace)
        {
            if (path.StartsWith(SafePlaceTypes.PathPrefix, StringComparison.Ordinal))
            {
                result.Add("AutoroutePart.Path", "Addresses starting with safe-places/ are for Safe Places only. Choose another one");
            }

            return Task.CompletedTask;
        }

        if (!path.StartsWith(SafePlaceTypes.PathPrefix, StringComparison.Ordinal) || path.Length == SafePlaceTypes.PathPrefix.Length || path[SafePlaceTypes.PathPrefix.Length..].Contains('/', StringComparison.Ordinal))
        {
            result.Add("AutoroutePart.Path", "The web address of a Safe Place must be safe-places/ then its name, like safe-places/central-library");
        }

        var fromApplication = item.Has<SafePlaceApplicationPart>();
        foreach (var (field, message) in SafePlaceRules.Check(item.As<TitlePart>().Title, item.As<SafePlacePart>(), UkTime.Today(_clock), requireComplete: !fromApplication))
        {
            if (field != "TitlePart.Title")
            {
                result.Add(field, message);
            }
        }

        return Task.CompletedTask;
    }
}

public sealed class SafePlaceSearchText : IContentSearchText
{
    public bool Handles(string contentType) => contentType == SafePlaceTypes.SafePlace;

    public SearchText Build(ContentItem item)
    {
        var part = item.As<SafePlacePart>();
        var summary = string.Join(", ", new[] { SafePlaceLabels.Label(part.Category), part.Locality, SafePlaceLabels.Label(part.Area) }.Where(s => s.Length > 0));
        var body = string.Join(" ", new[] { part.Description, part.Address, part.Postcode }
            .Concat(SafePlaceLabels.Labels(part.Facilities)).Concat(SafePlaceLabels.Labels(part.Schemes)));
        return new SearchText(item.DisplayText, summary, body, "/" + item.Path, "Safe Place");
    }
}
