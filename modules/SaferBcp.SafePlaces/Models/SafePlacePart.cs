using System.Globalization;
using System.Text.Json.Serialization;
using SaferBcp.Cms.Content;

namespace SaferBcp.SafePlaces.Models;

/// <summary>
/// A Safe Place's details. Fields staff type as text (coordinates, hours, dates) are kept as typed, so the
/// validator can say exactly what is wrong with them; the index table holds their parsed form.
/// </summary>
public sealed class SafePlacePart : ContentPart
{
    public SafePlaceCategory? Category { get; set; }

    public string Address { get; set; } = "";

    /// <summary>Normalised like "BH1 1AA" when it parses.</summary>
    public string Postcode { get; set; } = "";

    public BcpArea? Area { get; set; }

    /// <summary>The neighbourhood, like Boscombe or Kinson.</summary>
    public string Locality { get; set; } = "";

    /// <summary>Decimal degrees as typed, like 50.7208.</summary>
    public string Latitude { get; set; } = "";

    public string Longitude { get; set; } = "";

    public WeekHours Hours { get; set; } = new();

    /// <summary>One date a line, like 2026-12-25 or 25/12/2026.</summary>
    public string ClosedDates { get; set; } = "";

    /// <summary>One date a line with that day's hours instead of the usual ones, like "24/12/2026 09:00-14:00".</summary>
    public string SpecialHours { get; set; } = "";

    public SafePlaceFacilities Facilities { get; set; }

    public SafePlaceSchemes Schemes { get; set; }

    public string Phone { get; set; } = "";

    public string Description { get; set; } = "";

    /// <summary>yyyy-MM-dd: the day staff last checked the details with the venue.</summary>
    public string LastVerified { get; set; } = "";

    [JsonIgnore]
    public double? LatitudeValue => ParseDegrees(Latitude);

    [JsonIgnore]
    public double? LongitudeValue => ParseDegrees(Longitude);

    [JsonIgnore]
    public DateOnly? LastVerifiedValue => SafePlaceDates.TryParse(LastVerified, out var date) ? date : null;

    public static double? ParseDegrees(string? text) =>
        double.TryParse(text?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;
}

/// <summary>Opening hours as staff type them, one line per weekday: "09:00-17:30, 19:00-23:00"; blank means closed.</summary>
public sealed class WeekHours
{
    public string Monday { get; set; } = "";

    public string Tuesday { get; set; } = "";

    public string Wednesday { get; set; } = "";

    public string Thursday { get; set; } = "";

    public string Friday { get; set; } = "";

    public string Saturday { get; set; } = "";

    public string Sunday { get; set; } = "";

    public static readonly DayOfWeek[] WeekdaysFromMonday =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public string this[DayOfWeek day]
    {
        get => day switch
        {
            DayOfWeek.Monday => Monday,
            DayOfWeek.Tuesday => Tuesday,
            DayOfWeek.Wednesday => Wednesday,
            DayOfWeek.Thursday => Thursday,
            DayOfWeek.Friday => Friday,
            DayOfWeek.Saturday => Saturday,
            _ => Sunday,
        };
        set
        {
            switch (day)
            {
                case DayOfWeek.Monday: Monday = value; break;
                case DayOfWeek.Tuesday: Tuesday = value; break;
                case DayOfWeek.Wednesday: Wednesday = value; break;
                case DayOfWeek.Thursday: Thursday = value; break;
                case DayOfWeek.Friday: Friday = value; break;
                case DayOfWeek.Saturday: Saturday = value; break;
                default: Sunday = value; break;
            }
        }
    }
}

[JsonConverter(typeof(JsonStringEnumConverter<SafePlaceCategory>))]
public enum SafePlaceCategory
{
    Shop,
    Cafe,
    Pharmacy,
    Library,
    CommunityCentre,
    Transport,
    Other,
}

[JsonConverter(typeof(JsonStringEnumConverter<BcpArea>))]
public enum BcpArea
{
    Bournemouth,
    Christchurch,
    Poole,
}

[Flags]
[JsonConverter(typeof(JsonStringEnumConverter<SafePlaceFacilities>))]
public enum SafePlaceFacilities
{
    None = 0,
    PrivateRoom = 1,
    PhoneToUse = 2,
    StepFreeAccess = 4,
    AccessibleToilet = 8,
    QuietSpace = 16,
    AskForAniTrainedStaff = 32,
}

[Flags]
[JsonConverter(typeof(JsonStringEnumConverter<SafePlaceSchemes>))]
public enum SafePlaceSchemes
{
    None = 0,
    SafePlaces = 1,
    SafeSpaces = 2,
    AskForAni = 4,
}

public static class SafePlaceTypes
{
    public const string SafePlace = "SafePlace";

    /// <summary>Every place's address starts with this, so the locator owns the place pages.</summary>
    public const string PathPrefix = "safe-places/";
}

/// <summary>The words shown to the public and staff for each option, and the short codes used in addresses and CSV files.</summary>
public static class SafePlaceLabels
{
    public static readonly IReadOnlyList<(SafePlaceCategory Value, string Code, string Label)> Categories =
    [
        (SafePlaceCategory.Shop, "shop", "Shop"),
        (SafePlaceCategory.Cafe, "cafe", "Café"),
        (SafePlaceCategory.Pharmacy, "pharmacy", "Pharmacy"),
        (SafePlaceCategory.Library, "library", "Library"),
        (SafePlaceCategory.CommunityCentre, "community-centre", "Community centre"),
        (SafePlaceCategory.Transport, "transport", "Transport"),
        (SafePlaceCategory.Other, "other", "Other"),
    ];

    public static readonly IReadOnlyList<(BcpArea Value, string Code, string Label)> Areas =
    [
        (BcpArea.Bournemouth, "bournemouth", "Bournemouth"),
        (BcpArea.Christchurch, "christchurch", "Christchurch"),
        (BcpArea.Poole, "poole", "Poole"),
    ];

    public static readonly IReadOnlyList<(SafePlaceFacilities Value, string Code, string Label)> Facilities =
    [
        (SafePlaceFacilities.PrivateRoom, "private-room", "Private room"),
        (SafePlaceFacilities.PhoneToUse, "phone", "Phone you can use"),
        (SafePlaceFacilities.StepFreeAccess, "step-free", "Step-free access"),
        (SafePlaceFacilities.AccessibleToilet, "accessible-toilet", "Accessible toilet"),
        (SafePlaceFacilities.QuietSpace, "quiet-space", "Quiet space"),
        (SafePlaceFacilities.AskForAniTrainedStaff, "ani-trained", "Staff trained for \u2018Ask for ANI\u2019"),
    ];

    public static readonly IReadOnlyList<(SafePlaceSchemes Value, string Code, string Label)> Schemes =
    [
        (SafePlaceSchemes.SafePlaces, "safe-places", "Safe Places"),
        (SafePlaceSchemes.SafeSpaces, "safe-spaces", "Safe Spaces"),
        (SafePlaceSchemes.AskForAni, "ask-for-ani", "Ask for ANI"),
    ];

    public static string Label(SafePlaceCategory? value) => Categories.FirstOrDefault(c => c.Value == value).Label ?? "";

    public static string Label(BcpArea? value) => Areas.FirstOrDefault(c => c.Value == value).Label ?? "";

    public static IEnumerable<string> Labels(SafePlaceFacilities value) => Facilities.Where(f => value.HasFlag(f.Value)).Select(f => f.Label);

    public static IEnumerable<string> Labels(SafePlaceSchemes value) => Schemes.Where(f => value.HasFlag(f.Value)).Select(f => f.Label);

    /// <summary>Matches a code ("community-centre") or label ("Community centre"), ignoring case.</summary>
    public static bool TryCategory(string? text, out SafePlaceCategory value) => TryMatch(Categories, text, out value);

    public static bool TryArea(string? text, out BcpArea value) => TryMatch(Areas, text, out value);

    private static bool TryMatch<T>(IReadOnlyList<(T Value, string Code, string Label)> options, string? text, out T value)
        where T : struct
    {
        var trimmed = (text ?? "").Trim();
        foreach (var option in options)
        {
            if (string.Equals(option.Code, trimmed, StringComparison.OrdinalIgnoreCase)
                || string.Equals(option.Label, trimmed, StringComparison.OrdinalIgnoreCase)
                || string.Equals(option.Value.ToString(), trimmed, StringComparison.OrdinalIgnoreCase))
            {
                value = option.Value;
                return true;
            }
        }

        value = default;
        return false;
    }
}

public static class SafePlaceDates
{
    private static readonly string[] Formats = ["yyyy-MM-dd", "d/M/yyyy", "dd/MM/yyyy"];

    public static bool TryParse(string? text, out DateOnly date) =>
        DateOnly.TryParseExact((text ?? "").Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}

/// <summary>
/// On a draft made from a venue's application: the draft may be saved incomplete until an officer first edits it
/// (the editor removes this part). Publishing always needs a complete place.
/// </summary>
public sealed class SafePlaceApplicationPart : ContentPart
{
    public string Source { get; set; } = "";
}
