using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SaferBcp.Cms.Content;
using SaferBcp.SafePlaces.Models;
using SaferBcp.Cms.Formats;

namespace SaferBcp.SafePlaces.Services;

/// <summary>What the visitor asked for on /safe-places. Coordinates come only from "Use my location".</summary>
public sealed record LocatorQuery(
    string? Postcode = null,
    double? Latitude = null,
    double? Longitude = null,
    BcpArea? Area = null,
    bool OpenNow = false,
    SafePlaceFacilities Facilities = SafePlaceFacilities.None,
    SafePlaceSchemes Schemes = SafePlaceSchemes.None,
    int Page = 1);

/// <summary>Where distances are measured from, and how to describe it ("BH1 1AA", "the middle of BH1", "your location").</summary>
public sealed record Origin(double Latitude, double Longitude, string Description, bool Approximate)
{
    /// <summary>The postcode, or the district whose middle is used; empty for "your location".</summary>
    public string Place { get; init; } = "";
}

public sealed record LocatedPlace(SafePlaceIndex Place, OpeningStatus Status, double? Miles);

public sealed record LocatorResult(
    IReadOnlyList<LocatedPlace> Places,
    int Total,
    int Page,
    int PageCount,
    Origin? Origin,
    string? PostcodeError,
    string? PostcodeNotice,
    int PublishedCount)
{
    /// <summary>The values for the notice's placeholders, when its English wording has any (<see cref="PostcodeResolver.NotInList"/>).</summary>
    public string[] PostcodeNoticeValues { get; init; } = [];
}

/// <summary>
/// Finds the published, non-hidden places matching the filters, over the in-memory <see cref="SafePlaceDirectory"/>:
/// area, facilities, schemes, open now (from the parsed hours) and the haversine distance, worked out per place.
/// </summary>
public sealed class SafePlaceLocator
{
    private readonly SafePlacesDbContext _db;
    private readonly SafePlaceDirectory _directory;
    private readonly ContentChangeLog _changes;
    private readonly PostcodeResolver _postcodes;
    private readonly SafePlaceFreshness _freshness;
    private readonly TimeProvider _clock;
    private readonly SafePlacesOptions _options;

    public SafePlaceLocator(SafePlacesDbContext db, SafePlaceDirectory directory, ContentChangeLog changes, PostcodeResolver postcodes, SafePlaceFreshness freshness, TimeProvider clock, IOptions<SafePlacesOptions> options)
    {
        _db = db;
        _directory = directory;
        _changes = changes;
        _postcodes = postcodes;
        _freshness = freshness;
        _clock = clock;
        _options = options.Value;
    }

    /// <summary>Published places the public may see (checked within the last HideAfterMonths).</summary>
    public IQueryable<SafePlaceIndex> Visible()
    {
        var hiddenOnOrBefore = _freshness.HiddenOnOrBefore;
        return _db.Places.AsNoTracking().Where(p => p.LastVerified > hiddenOnOrBefore);
    }

    public async Task<LocatorResult> FindAsync(LocatorQuery query, CancellationToken cancellationToken = default)
    {
        Origin? origin = null;
        string? error = null;
        string? notice = null;
        string[] noticeValues = [];
        if (query.Latitude is { } lat && query.Longitude is { } lon)
        {
            origin = new Origin(lat, lon, "your location", Approximate: false);
        }
        else if (!string.IsNullOrWhiteSpace(query.Postcode))
        {
            var resolved = await _postcodes.ResolveAsync(query.Postcode, cancellationToken);
            origin = resolved.Origin;
            error = resolved.Error;
            notice = resolved.Notice;
            noticeValues = resolved.NoticeValues;
        }

        var hiddenOnOrBefore = _freshness.HiddenOnOrBefore;
        var facilities = (int)query.Facilities;
        var schemes = (int)query.Schemes;
        var now = _clock.GetUtcNow();
        var publishedCount = 0;
        var located = new List<(SafePlaceIndex Place, OpeningHours Hours, double? Miles)>();
        foreach (var (place, hours) in await _directory.EntriesAsync(_db, _changes, cancellationToken))
        {
            if (place.LastVerified <= hiddenOnOrBefore)
            {
                continue;
            }

            publishedCount++;
            if ((query.Area is { } area && place.Area != area)
                || (place.Facilities & facilities) != facilities
                || (schemes != 0 && (place.Schemes & schemes) == 0)
                || (query.OpenNow && !OpeningHoursCalculator.IsOpenAt(hours, now)))
            {
                continue;
            }

            double? miles = origin is not null && place.Latitude is { } plat && place.Longitude is { } plon
                ? Distance.Miles(origin.Latitude, origin.Longitude, plat, plon)
                : null;
            located.Add((place, hours, miles));
        }

        var ordered = origin is null
            ? located.OrderBy(p => p.Place.Name, StringComparer.OrdinalIgnoreCase)
            : located.OrderBy(p => p.Miles is null).ThenBy(p => p.Miles).ThenBy(p => p.Place.Name, StringComparer.OrdinalIgnoreCase);
        var pageSize = Math.Max(1, _options.PageSize);
        var pageCount = Math.Max(1, (located.Count + pageSize - 1) / pageSize);
        var page = Math.Clamp(query.Page, 1, pageCount);

        // The full status sentence is worked out only for the places on this page.
        var pageItems = ordered.Skip((page - 1) * pageSize).Take(pageSize)
            .Select(p => new LocatedPlace(p.Place, OpeningHoursCalculator.StatusAt(p.Hours, now), p.Miles))
            .ToList();
        return new LocatorResult(pageItems, located.Count, page, pageCount, origin, error, notice, publishedCount) { PostcodeNoticeValues = noticeValues };
    }
}

/// <summary>
/// Turns what a visitor typed into a point, without asking any other service: a full postcode from the
/// imported postcode table; otherwise its district. A district's point is the mean of the table's postcodes
/// in it, or, when none are imported, the mean of the published Safe Places in it. Coordinates are never made up:
/// when nothing is known the visitor is told so and the list is not sorted by distance.
/// </summary>
public sealed class PostcodeResolver
{
    public const string NotRecognised = "Enter a postcode, like BH1 1AA, or the first part, like BH1";
    public const string NotFound = "We could not find that postcode. Try the first part, like BH1";
    public const string NotInList = "We do not have {0} in our postcode list, so distances are from the middle of {1}.";
    private static readonly CompositeFormat NotInListFormat = CompositeFormat.Parse(NotInList);
    private readonly SafePlacesDbContext _db;
    private readonly SafePlaceFreshness _freshness;

    public PostcodeResolver(SafePlacesDbContext db, SafePlaceFreshness freshness)
    {
        _db = db;
        _freshness = freshness;
    }

    public sealed record Resolution(Origin? Origin, string? Error, string? Notice)
    {
        public string[] NoticeValues { get; init; } = [];
    }

    public async Task<Resolution> ResolveAsync(string text, CancellationToken cancellationToken = default)
    {
        if (!UkPostcode.TryParse(text, allowDistrict: true, out var postcode))
        {
            return new Resolution(null, NotRecognised, null);
        }

        if (postcode.IsFull)
        {
            var exact = await _db.Postcodes.AsNoTracking().FirstOrDefaultAsync(p => p.Postcode == postcode.ToString(), cancellationToken);
            if (exact is not null)
            {
                return new Resolution(new Origin(exact.Latitude, exact.Longitude, postcode.ToString(), false) { Place = postcode.ToString() }, null, null);
            }
        }

        var district = await DistrictCentreAsync(postcode.District, cancellationToken);
        if (district is null)
        {
            return new Resolution(null, null, NotFound);
        }

        string[] values = postcode.IsFull ? [postcode.ToString(), postcode.District] : [];
        var notice = postcode.IsFull ? string.Format(CultureInfo.InvariantCulture, NotInListFormat, values[0], values[1]) : null;
        return new Resolution(district, null, notice) { NoticeValues = values };
    }

    private async Task<Origin?> DistrictCentreAsync(string district, CancellationToken cancellationToken)
    {
        var fromTable = await _db.Postcodes.AsNoTracking().Where(p => p.District == district)
            .GroupBy(p => p.District).Select(g => new { Lat = g.Average(p => p.Latitude), Lon = g.Average(p => p.Longitude) })
            .FirstOrDefaultAsync(cancellationToken);
        if (fromTable is not null)
        {
            return new Origin(fromTable.Lat, fromTable.Lon, $"the middle of {district}", true) { Place = district };
        }

        var hiddenOnOrBefore = _freshness.HiddenOnOrBefore;
        var places = await _db.Places.AsNoTracking()
            .Where(p => p.District == district && p.LastVerified > hiddenOnOrBefore && p.Latitude != null && p.Longitude != null)
            .Select(p => new { p.Latitude, p.Longitude }).ToListAsync(cancellationToken);
        return places.Count == 0
            ? null
            : new Origin(places.Average(p => p.Latitude!.Value), places.Average(p => p.Longitude!.Value), $"the middle of {district}", true) { Place = district };
    }
}
