using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using SaferBcp.Cms.Hosting;
using SaferBcp.SafePlaces.Models;

namespace SaferBcp.SafePlaces.Services;

/// <summary>The published, non-hidden places as open data: CSV (CsvHelper) and GeoJSON (NetTopologySuite).</summary>
public sealed class SafePlaceOpenData
{
    public static readonly string[] CsvColumns =
    [
        "name", "category", "address", "postcode", "area", "locality", "latitude", "longitude",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "closed_dates",
        "special_hours", "facilities", "schemes", "phone", "description", "last_verified", "url",
    ];

    public static readonly JsonSerializerOptions GeoJsonOptions = new() { Converters = { new GeoJsonConverterFactory() } };
    private static readonly GeometryFactory Geometry = new(new PrecisionModel(), 4326);
    private readonly SafePlaceLocator _locator;
    private readonly PublicAddress _address;

    public SafePlaceOpenData(SafePlaceLocator locator, PublicAddress address)
    {
        _locator = locator;
        _address = address;
    }

    public Task<List<SafePlaceIndex>> PlacesAsync(CancellationToken cancellationToken = default) =>
        _locator.Visible().OrderBy(p => p.Name).ToListAsync(cancellationToken);

    public async Task<string> CsvAsync(CancellationToken cancellationToken = default)
    {
        var places = await PlacesAsync(cancellationToken);
        var text = new StringWriter(CultureInfo.InvariantCulture);
        // Names and descriptions come from staff and venues: a leading = + - @ must not run as a spreadsheet formula.
        using (var csv = CsvWriter.Create(text, new CsvWriterOptions { Injection = CsvInjection.Escape }, leaveOpen: true))
        {
            foreach (var column in CsvColumns)
            {
                csv.WriteField(column);
            }

            csv.EndRecord();
            foreach (var p in places)
            {
                var hours = OpeningHoursJson.Read(p.OpeningHoursJson);
                csv.WriteField(p.Name);
                csv.WriteField(Code(p.Category));
                csv.WriteField(OneLine(p.Address));
                csv.WriteField(p.Postcode);
                csv.WriteField(SafePlaceLabels.Label(p.Area));
                csv.WriteField(p.Locality);
                csv.WriteField(p.Latitude, "0.######");
                csv.WriteField(p.Longitude, "0.######");
                foreach (var day in WeekHours.WeekdaysFromMonday)
                {
                    csv.WriteField(OpeningHoursText.Format(hours.On(day)));
                }

                csv.WriteField(ClosedDates(hours));
                csv.WriteField(SpecialHoursText.ToOneLine(hours.Special));
                csv.WriteField(string.Join(" ", SafePlaceLabels.Facilities.Where(f => ((SafePlaceFacilities)p.Facilities).HasFlag(f.Value)).Select(f => f.Code)));
                csv.WriteField(string.Join(" ", SafePlaceLabels.Schemes.Where(f => ((SafePlaceSchemes)p.Schemes).HasFlag(f.Value)).Select(f => f.Code)));
                csv.WriteField(p.Phone);
                csv.WriteField(p.Description);
                csv.WriteField(p.LastVerified.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                csv.WriteField(_address.Absolute(p.Path));
                csv.EndRecord();
            }

            csv.Flush();
        }

        return text.ToString();
    }

    public async Task<string> GeoJsonAsync(CancellationToken cancellationToken = default)
    {
        var places = await PlacesAsync(cancellationToken);
        var collection = new FeatureCollection();
        foreach (var p in places.Where(p => p.Latitude is not null && p.Longitude is not null))
        {
            var hours = OpeningHoursJson.Read(p.OpeningHoursJson);
            var attributes = new AttributesTable
            {
                { "name", p.Name },
                { "category", Code(p.Category) },
                { "address", p.Address },
                { "postcode", p.Postcode },
                { "area", SafePlaceLabels.Label(p.Area) },
                { "locality", p.Locality },
                { "phone", p.Phone },
                { "description", p.Description },
                { "facilities", string.Join(" ", SafePlaceLabels.Facilities.Where(f => ((SafePlaceFacilities)p.Facilities).HasFlag(f.Value)).Select(f => f.Code)) },
                { "schemes", string.Join(" ", SafePlaceLabels.Schemes.Where(f => ((SafePlaceSchemes)p.Schemes).HasFlag(f.Value)).Select(f => f.Code)) },
                { "opening_hours", string.Join("; ", WeekHours.WeekdaysFromMonday.Where(d => hours.On(d).Any()).Select(d => $"{d}: {OpeningHoursText.Format(hours.On(d))}")) },
                { "closed_dates", ClosedDates(hours) },
                { "special_hours", SpecialHoursText.ToOneLine(hours.Special) },
                { "last_verified", p.LastVerified.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
                { "url", _address.Absolute(p.Path) },
            };
            collection.Add(new Feature(Geometry.CreatePoint(new Coordinate(p.Longitude!.Value, p.Latitude!.Value)), attributes) { });
        }

        return JsonSerializer.Serialize(collection, GeoJsonOptions);
    }

    public static string OneLine(string address) => string.Join(", ", address.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    public static string Code(SafePlaceCategory category) => SafePlaceLabels.Categories.First(c => c.Value == category).Code;

    public static Encoding Utf8 { get; } = new UTF8Encoding(false);

    private static string ClosedDates(OpeningHours hours) => string.Join(" ", hours.ClosedDates.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
}
