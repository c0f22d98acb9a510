using System.Globalization;
using System.Text.RegularExpressions;
using SaferBcp.SafePlaces.Models;

namespace SaferBcp.SafePlaces.Services;

/// <summary>
/// One opening on a weekday, in UK local time. A closing time at or before the opening time runs past
/// midnight into the next day (22:00-02:00); 00:00-24:00 is the whole day.
/// </summary>
public sealed record OpeningRange(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes)
{
    public bool Overnight => Closes <= Opens;

    public override string ToString() => $"{Opens:HH\\:mm}-{(Closes == TimeOnly.MinValue ? "24:00" : Closes.ToString("HH\\:mm", CultureInfo.InvariantCulture))}";
}

/// <summary>
/// A place's parsed weekly hours, closed dates and special hours for a date (which replace that day's usual hours):
/// what the status calculator and the index table use.
/// </summary>
public sealed record OpeningHours(IReadOnlyList<OpeningRange> Ranges, IReadOnlyList<DateOnly> ClosedDates, IReadOnlyList<SpecialHours> Special)
{
    public static readonly OpeningHours None = new([], [], []);

    public IEnumerable<OpeningRange> On(DayOfWeek day) => Ranges.Where(r => r.Day == day).OrderBy(r => r.Opens);

    /// <summary>The openings that start on a date: none when it is closed, its special hours when it has them, else its weekday's.</summary>
    public IEnumerable<OpeningRange> OnDate(DateOnly date) =>
        ClosedDates.Contains(date) ? []
        : Special.FirstOrDefault(s => s.Date == date) is { } special ? special.Ranges.OrderBy(r => r.Opens)
        : On(date.DayOfWeek);

    /// <summary>Parses what staff typed; errors are ignored here (the validator reports them).</summary>
    public static OpeningHours From(SafePlacePart part)
    {
        var ranges = new List<OpeningRange>();
        foreach (var day in WeekHours.WeekdaysFromMonday)
        {
            if (OpeningHoursText.TryParse(day, part.Hours[day], out var parsed, out _))
            {
                ranges.AddRange(parsed);
            }
        }

        return new OpeningHours(
            ranges,
            ClosedDatesText.TryParse(part.ClosedDates, out var closed, out _) ? closed : [],
            SpecialHoursText.TryParse(part.SpecialHours, out var special, out _) ? special : []);
    }
}

/// <summary>A date's hours instead of the usual ones for its weekday: Christmas Eve, a late night for an event. No ranges means closed.</summary>
public sealed record SpecialHours(DateOnly Date, IReadOnlyList<OpeningRange> Ranges);

/// <summary>Reads a weekday's hours as staff type them: "09:00-17:30, 19:00-23:00", "9am-5pm" is not accepted on purpose (one format, said plainly).</summary>
public static partial class OpeningHoursText
{
    public const string Example = "09:00-17:30, or 09:00-12:00, 13:00-17:00";

    public static bool TryParse(DayOfWeek day, string? text, out List<OpeningRange> ranges, out string? error)
    {
        ranges = [];
        error = null;
        var trimmed = (text ?? "").Trim();
        if (trimmed.Length == 0 || string.Equals(trimmed, "closed", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (string.Equals(trimmed, "24 hours", StringComparison.OrdinalIgnoreCase) || string.Equals(trimmed, "open 24 hours", StringComparison.OrdinalIgnoreCase))
        {
            ranges.Add(new OpeningRange(day, TimeOnly.MinValue, TimeOnly.MinValue));
            return true;
        }

        foreach (var piece in trimmed.Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var match = Range().Match(piece);
            if (!match.Success)
            {
                error = $"Enter {day} times like {Example}";
                return false;
            }

            if (!TryTime(match.Groups[1].Value, out var opens) || !TryTime(match.Groups[2].Value, out var closes))
            {
                error = $"Enter {day} times between 00:00 and 24:00, like {Example}";
                return false;
            }

            if (opens == closes && opens != TimeOnly.MinValue)
            {
                error = $"{day}: the opening and closing times are the same ({piece}). For all day, enter 00:00-24:00";
                return false;
            }

            ranges.Add(new OpeningRange(day, opens, closes));
        }

        var sameDay = ranges.OrderBy(r => r.Opens).ToList();
        for (var i = 1; i < sameDay.Count; i++)
        {
            var previous = sameDay[i - 1];
            if (previous.Overnight || sameDay[i].Opens < previous.Closes)
            {
                error = $"{day}: the times overlap. Enter each time the place is open once, in order, like {Example}";
                return false;
            }
        }

        return true;
    }

    public static string Format(IEnumerable<OpeningRange> ranges) => string.Join(", ", ranges.OrderBy(r => r.Opens).Select(r => r.ToString()));

    private static bool TryTime(string text, out TimeOnly time)
    {
        var parts = text.Split([':', '.']);
        var hour = int.Parse(parts[0], CultureInfo.InvariantCulture);
        var minute = parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 0;
        time = TimeOnly.MinValue;
        if (hour == 24 && minute == 0)
        {
            return true;
        }

        if (hour > 23 || minute > 59)
        {
            return false;
        }

        time = new TimeOnly(hour, minute);
        return true;
    }

    // "9:00-17:30", "09.00 – 17.30", "0900-1730" is not accepted: people misread it.
    [GeneratedRegex(@"^(\d{1,2}(?:[:.]\d{2})?)\s*(?:-|–|—|to)\s*(\d{1,2}(?:[:.]\d{2})?)$", RegexOptions.IgnoreCase)]
    private static partial Regex Range();
}

public static class ClosedDatesText
{
    public static bool TryParse(string? text, out List<DateOnly> dates, out string? error)
    {
        dates = [];
        error = null;
        foreach (var line in (text ?? "").Split(['\n', ','], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!SafePlaceDates.TryParse(line, out var date))
            {
                error = $"\u2018{line}\u2019 is not a date. Enter one date a line, like 25/12/2026";
                dates = [];
                return false;
            }

            dates.Add(date);
        }

        dates = dates.Distinct().Order().ToList();
        return true;
    }
}

/// <summary>
/// Reads special hours as staff type them, one date a line: "24/12/2026 09:00-14:00", "31/12/2026 18:00-03:00",
/// "2026-12-26 closed". The times follow the same rules as a weekday's.
/// </summary>
public static partial class SpecialHoursText
{
    public const string Example = "24/12/2026 09:00-14:00";

    public static bool TryParse(string? text, out List<SpecialHours> days, out string? error)
    {
        days = [];
        error = null;
        foreach (var line in (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var match = Line().Match(line);
            if (!match.Success && SafePlaceDates.TryParse(line.TrimEnd(':', ','), out var bare))
            {
                error = $"{Show(bare)}: add that day's times, or closed, like {Example}";
                days = [];
                return false;
            }

            if (!match.Success || !SafePlaceDates.TryParse(match.Groups[1].Value, out var date))
            {
                error = $"\u2018{line}\u2019 does not start with a date. Enter one date a line with its times, like {Example}";
                days = [];
                return false;
            }

            if (!OpeningHoursText.TryParse(date.DayOfWeek, match.Groups[2].Value, out var ranges, out var rangeError))
            {
                error = $"{Show(date)}: {rangeError}";
                days = [];
                return false;
            }

            if (days.Any(d => d.Date == date))
            {
                error = $"{Show(date)} is listed twice. Put all of a day's times on one line, like 24/12/2026 09:00-12:00, 13:00-16:00";
                days = [];
                return false;
            }

            days.Add(new SpecialHours(date, ranges));
        }

        days = days.OrderBy(d => d.Date).ToList();
        return true;
    }

    public static string Format(IEnumerable<SpecialHours> days) =>
        string.Join("\n", days.Select(d => $"{d.Date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)} {(d.Ranges.Count == 0 ? "closed" : OpeningHoursText.Format(d.Ranges))}"));

    /// <summary>Days on one line for a CSV cell or a GeoJSON property, separated by " | " (commas and semicolons separate a day's times).</summary>
    public static string ToOneLine(IEnumerable<SpecialHours> days) => Format(days).Replace("\n", " | ", StringComparison.Ordinal);

    /// <summary>A <see cref="ToOneLine"/> cell back as the editor's text, one date a line.</summary>
    public static string FromOneLine(string cell) => string.Join("\n", cell.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    /// <summary>A date as messages show it, like 24/12/2026.</summary>
    public static string Show(DateOnly date) => date.ToString("d/M/yyyy", CultureInfo.InvariantCulture);

    // The date, then (after optional ":" or ",") the times or "closed".
    [GeneratedRegex(@"^(\S+?)[:,]?\s+(.+)$")]
    private static partial Regex Line();
}
