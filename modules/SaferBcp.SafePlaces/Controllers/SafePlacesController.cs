using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Localization;
using SaferBcp.Cms.Caching;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Security;
using SaferBcp.SafePlaces.Models;
using SaferBcp.SafePlaces.Services;

namespace SaferBcp.SafePlaces.Controllers;

/// <summary>
/// The public locator, the place pages and the open data. The locator is never output-cached: its status lines
/// change by the minute and its address may carry a postcode or coordinates, so it is sent no-store as well.
/// </summary>
public sealed class SafePlacesController : Controller
{
    private readonly SafePlaceLocator _locator;
    private readonly SafePlaceFreshness _freshness;
    private readonly SafePlaceOpenData _openData;
    private readonly TimeProvider _clock;
    private readonly IStringLocalizer<SafePlacesText> T;

    // The content manager (and the contexts and handlers behind it) only for a place's own page, which is output-cached:
    // the locator, rendered for every search, does not build it.
    public SafePlacesController(SafePlaceLocator locator, SafePlaceFreshness freshness, SafePlaceOpenData openData, TimeProvider clock, IStringLocalizer<SafePlacesText> localizer)
    {
        T = localizer;
        _locator = locator;
        _freshness = freshness;
        _openData = openData;
        _clock = clock;
    }

    /// <summary>Translated where it is shown, like the postcode errors (SafePlacesText).</summary>
    public const string LocationError = "We could not use your location. Enter a postcode instead, like BH1 1AA";

    [HttpGet("safe-places")]
    public async Task<IActionResult> Locator(string? postcode, string? lat, string? lon, string? area, string? open, string[]? facility, string[]? scheme, int page = 1)
    {
        SecurityHeadersMiddleware.NoStore(Response);
        var form = new LocatorForm
        {
            Postcode = (postcode ?? "").Trim(),
            Area = SafePlaceLabels.TryArea(area, out var a) ? a : null,
            OpenNow = open == "true",
            Facilities = (facility ?? []).Aggregate(SafePlaceFacilities.None, (acc, code) => acc | SafePlaceLabels.Facilities.FirstOrDefault(f => f.Code == code).Value),
            Schemes = (scheme ?? []).Aggregate(SafePlaceSchemes.None, (acc, code) => acc | SafePlaceLabels.Schemes.FirstOrDefault(f => f.Code == code).Value),
        };

        var latitude = SafePlacePart.ParseDegrees(lat);
        var longitude = SafePlacePart.ParseDegrees(lon);
        string? locationError = null;
        if (form.Postcode.Length == 0 && (lat is not null || lon is not null))
        {
            if (latitude is null || longitude is null || !UkBounds.Contains(latitude.Value, longitude.Value))
            {
                locationError = LocationError;
                latitude = longitude = null;
            }
            else
            {
                // Kept to about 100 metres: enough to sort by distance, no more precise than needed.
                latitude = Math.Round(latitude.Value, 3);
                longitude = Math.Round(longitude.Value, 3);
                form.UsingLocation = true;
                form.Latitude = latitude.Value.ToString("0.###", CultureInfo.InvariantCulture);
                form.Longitude = longitude.Value.ToString("0.###", CultureInfo.InvariantCulture);
            }
        }

        var query = new LocatorQuery(form.UsingLocation ? null : form.Postcode, latitude, longitude, form.Area, form.OpenNow, form.Facilities, form.Schemes, page);
        var result = await _locator.FindAsync(query, HttpContext.RequestAborted);
        var error = locationError ?? result.PostcodeError;
        ViewData["Title"] = (error is null ? "" : T["Error:"] + " ") + T["Find a Safe Place"];
        return View("~/Views/SafePlaces/Locator.cshtml", new LocatorViewModel(form, result, error, UkTime.Now(_clock)));
    }

    [HttpGet("safe-places/{slug}")]
    [OutputCache(PolicyName = PublicCache.Policy)]
    public async Task<IActionResult> Place(string slug, [FromServices] ContentManager content)
    {
        var item = await content.GetPublishedByPathAsync(SafePlaceTypes.PathPrefix + slug);
        if (item is null || item.ContentType != SafePlaceTypes.SafePlace)
        {
            var moved = await content.FindRedirectAsync(SafePlaceTypes.PathPrefix + slug);
            return moved is null ? NotFound() : RedirectPermanent(HttpContext.Request.PathBase + "/" + moved);
        }

        var part = item.As<SafePlacePart>();
        if (part.LastVerifiedValue is not { } verified || _freshness.IsHidden(verified))
        {
            return NotFound();
        }

        ViewData["Title"] = item.DisplayText;
        return View("~/Views/SafePlaces/Place.cshtml", SafePlaceDisplay.Build(item, _clock, preview: false));
    }

    [HttpGet("safe-places.csv")]
    [OutputCache(PolicyName = PublicCache.Policy)]
    public async Task<IActionResult> Csv()
    {
        var csv = await _openData.CsvAsync(HttpContext.RequestAborted);
        return File(SafePlaceOpenData.Utf8.GetBytes(csv), "text/csv; charset=utf-8", "safe-places.csv");
    }

    [HttpGet("safe-places.geojson")]
    [OutputCache(PolicyName = PublicCache.Policy)]
    public async Task<IActionResult> GeoJson()
    {
        var json = await _openData.GeoJsonAsync(HttpContext.RequestAborted);
        return File(SafePlaceOpenData.Utf8.GetBytes(json), "application/geo+json; charset=utf-8");
    }
}

public sealed class LocatorForm
{
    public string Postcode { get; set; } = "";

    public BcpArea? Area { get; set; }

    public bool OpenNow { get; set; }

    public SafePlaceFacilities Facilities { get; set; }

    public SafePlaceSchemes Schemes { get; set; }

    public bool UsingLocation { get; set; }

    public string? Latitude { get; set; }

    public string? Longitude { get; set; }

    /// <summary>The query string for another page of the same results.</summary>
    public string QueryFor(int page)
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        if (UsingLocation)
        {
            pairs.Add(new("lat", Latitude));
            pairs.Add(new("lon", Longitude));
        }
        else if (Postcode.Length > 0)
        {
            pairs.Add(new("postcode", Postcode));
        }

        if (Area is not null)
        {
            pairs.Add(new("area", SafePlaceLabels.Areas.First(x => x.Value == Area).Code));
        }

        if (OpenNow)
        {
            pairs.Add(new("open", "true"));
        }

        pairs.AddRange(SafePlaceLabels.Facilities.Where(f => Facilities.HasFlag(f.Value)).Select(f => new KeyValuePair<string, string?>("facility", f.Code)));
        pairs.AddRange(SafePlaceLabels.Schemes.Where(f => Schemes.HasFlag(f.Value)).Select(f => new KeyValuePair<string, string?>("scheme", f.Code)));
        pairs.Add(new("page", page.ToString(CultureInfo.InvariantCulture)));
        return Microsoft.AspNetCore.Http.QueryString.Create(pairs).ToString();
    }
}

public sealed record LocatorViewModel(LocatorForm Form, LocatorResult Result, string? Error, DateTime UkNow);
