using SaferBcp.SafePlaces.Models;
using SaferBcp.Cms.Formats;

namespace SaferBcp.SafePlaces.Services;

/// <summary>
/// What a Safe Place must have before it is saved, whether typed in the editor or imported from CSV.
/// Errors are keyed by the editor's field names; the CSV importer maps them to its columns.
/// </summary>
public static class SafePlaceRules
{
    public const int MaxDescription = 500;

    /// <summary>
    /// With requireComplete false only what is wrong is reported, not what is missing: used for a draft made
    /// from a venue's application, which the officer completes before it can be published.
    /// </summary>
    public static List<(string Field, string Message)> Check(string name, SafePlacePart part, DateOnly today, bool requireComplete = true)
    {
        var errors = new List<(string Field, string Message)>();
        void Add(string field, string message) => errors.Add(("SafePlacePart." + field, message));
        void Missing(string field, string message)
        {
            if (requireComplete)
            {
                Add(field, message);
            }
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add(("TitlePart.Title", "Enter the name of the place"));
        }

        if (part.Category is null)
        {
            Missing("Category", "Select the kind of place, like shop or library");
        }

        if (string.IsNullOrWhiteSpace(part.Address))
        {
            Missing("Address", "Enter the address, without the postcode");
        }

        if (string.IsNullOrWhiteSpace(part.Postcode))
        {
            Missing("Postcode", "Enter the postcode, like BH1 1AA");
        }
        else if (UkPostcode.Normalise(part.Postcode) is null)
        {
            Add("Postcode", "Enter a full UK postcode, like BH1 1AA");
        }

        if (part.Area is null)
        {
            Missing("Area", "Select Bournemouth, Christchurch or Poole");
        }

        var hasLat = !string.IsNullOrWhiteSpace(part.Latitude);
        var hasLon = !string.IsNullOrWhiteSpace(part.Longitude);
        if (hasLat || hasLon)
        {
            var lat = part.LatitudeValue;
            var lon = part.LongitudeValue;
            if (lat is null)
            {
                Add("Latitude", "Enter the latitude as a number, like 50.7208");
            }

            if (lon is null)
            {
                Add("Longitude", "Enter the longitude as a number, like -1.8795 (west of Greenwich is negative)");
            }

            if (lat is not null && lon is not null && !BcpBounds.Contains(lat.Value, lon.Value))
            {
                Add("Latitude", $"The latitude and longitude are not in the BCP area. Latitude must be between {BcpBounds.MinLatitude} and {BcpBounds.MaxLatitude}, longitude between {BcpBounds.MinLongitude} and {BcpBounds.MaxLongitude}. Check they are not the wrong way round");
            }
        }

        var anyHours = false;
        foreach (var day in WeekHours.WeekdaysFromMonday)
        {
            if (!OpeningHoursText.TryParse(day, part.Hours[day], out var ranges, out var error))
            {
                Add("Hours." + day, error!);
            }

            anyHours |= ranges.Count > 0;
        }

        if (!anyHours && errors.All(e => !e.Field.StartsWith("SafePlacePart.Hours.", StringComparison.Ordinal)))
        {
            Missing("Hours.Monday", "Enter the opening hours for at least one day");
        }

        if (!ClosedDatesText.TryParse(part.ClosedDates, out var closedDates, out var closedError))
        {
            Add("ClosedDates", closedError!);
        }

        if (!SpecialHoursText.TryParse(part.SpecialHours, out var special, out var specialError))
        {
            Add("SpecialHours", specialError!);
        }
        else if (special.FirstOrDefault(s => closedDates.Contains(s.Date)) is { } both)
        {
            Add("SpecialHours", $"{SpecialHoursText.Show(both.Date)} is also a date it is closed. Keep it in one list: closed, or its special hours");
        }

        if (part.Schemes == SafePlaceSchemes.None)
        {
            Missing("Schemes", "Select the scheme or schemes the place is part of");
        }

        if (part.Phone.Length > 0 && !part.Phone.All(c => char.IsDigit(c) || c is ' ' or '+' or '(' or ')'))
        {
            Add("Phone", "Enter a phone number using numbers and spaces only, like 01202 123456");
        }

        if (part.Description.Length > MaxDescription)
        {
            Add("Description", $"The description must be {MaxDescription} characters or fewer");
        }

        if (string.IsNullOrWhiteSpace(part.LastVerified))
        {
            Missing("LastVerified", "Enter the date the details were last checked with the place");
        }
        else if (part.LastVerifiedValue is not { } verified)
        {
            Add("LastVerified", "Enter the date last checked as a real date, like 27/11/2026");
        }
        else if (verified > today)
        {
            Add("LastVerified", "The date last checked must be today or in the past");
        }

        return errors;
    }
}
