using System.Globalization;
using SaferBcp.Cms.Content;

namespace SaferBcp.SafePlaces.Services;

/// <summary>Whether a place is open at an instant, and the sentence the public reads about it.</summary>
public sealed record OpeningStatus(bool IsOpen, string Text)
{
    /// <summary>The sentence's English wording, the key of its translation (SafePlacesText): {0} is the time, {1} the day.</summary>
    public string Wording { get; init; } = Text;

    /// <summary>The UK wall-clock time it closes or opens, if the sentence gives one.</summary>
    public DateTime? At { get; init; }

    /// <summary>How {1}, the day, is written ("dddd", "dddd d MMMM"), in the visitor's culture.</summary>
    public string DayFormat { get; init; } = "dddd";

    /// <summary>The sentence in the culture's words and its day names; times are 24-hour in every language.</summary>
    public string In(Func<string, string> translate, CultureInfo culture) =>
        At is { } at ? string.Format(culture, translate(Wording), Time(at), at.ToString(DayFormat, culture)) : translate(Wording);

    private static string Time(DateTime local) => local.ToString("HH:mm", CultureInfo.InvariantCulture);

    // Two statuses are the same when they say the same: how the sentence is put together for translation is not compared.
    public bool Equals(OpeningStatus? other) => other is not null && IsOpen == other.IsOpen && Text == other.Text;

    public override int GetHashCode() => HashCode.Combine(IsOpen, Text);
}

/// <summary>
/// Works out "Open now — closes 17:30" or "Closed — opens Tuesday 09:00" for an instant. Hours are UK wall-clock
/// times, so the instant is turned into UK local time first (UkTime, Europe/London): on the last Sunday of March
/// and of October a place that opens at 09:00 opens at 09:00 on the clocks people read. Comparisons are made on
/// the wall clock, so in the hour that happens twice in October a place open until 02:00 stays open through both.
/// A closed date removes the openings that start on that date, and special hours for a date replace them; an
/// overnight opening from the evening before still runs until it closes.
/// </summary>
public static class OpeningHoursCalculator
{
    private const int DaysAhead = 14;
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>Just whether the place is open: the openings that start today, and last night's that run past midnight.</summary>
    public static bool IsOpenAt(OpeningHours hours, DateTimeOffset instant)
    {
        var now = UkTime.FromUtc(instant.UtcDateTime);
        var today = DateOnly.FromDateTime(now);
        foreach (var date in new[] { today.AddDays(-1), today })
        {
            foreach (var range in hours.OnDate(date))
            {
                var start = date.ToDateTime(range.Opens);
                var end = (range.Overnight ? date.AddDays(1) : date).ToDateTime(range.Closes);
                if (start <= now && now < end)
                {
                    return true;
                }
            }
        }

        return false;
    }

    public static OpeningStatus StatusAt(OpeningHours hours, DateTimeOffset instant)
    {
        var now = UkTime.FromUtc(instant.UtcDateTime);
        var today = DateOnly.FromDateTime(now);
        var spans = Spans(hours, today.AddDays(-1), today.AddDays(DaysAhead));

        var current = spans.FirstOrDefault(s => s.Start <= now && now < s.End);
        if (current != default)
        {
            if (current.End >= today.AddDays(DaysAhead).ToDateTime(TimeOnly.MinValue))
            {
                return new OpeningStatus(true, "Open now \u2014 open 24 hours");
            }

            var closesOn = DateOnly.FromDateTime(current.End);
            var closing = closesOn == today ? "Open now \u2014 closes {0}"
                : closesOn == today.AddDays(1) && current.End.TimeOfDay == TimeSpan.Zero ? "Open now \u2014 closes midnight"
                : closesOn == today.AddDays(1) ? "Open now \u2014 closes {0} tomorrow"
                : "Open now \u2014 closes {1} {0}";
            return Status(true, closing, current.End, "dddd");
        }

        var next = spans.FirstOrDefault(s => s.Start > now);
        if (next == default)
        {
            return new OpeningStatus(false, "Closed");
        }

        var opensOn = DateOnly.FromDateTime(next.Start);
        var opening = opensOn == today ? "Closed \u2014 opens at {0}"
            : opensOn == today.AddDays(1) ? "Closed \u2014 opens tomorrow {0}"
            : "Closed \u2014 opens {1} {0}";
        return Status(false, opening, next.Start, opensOn < today.AddDays(7) ? "dddd" : "dddd d MMMM");
    }

    private static OpeningStatus Status(bool open, string wording, DateTime at, string dayFormat)
    {
        var status = new OpeningStatus(open, "") { Wording = wording, At = at, DayFormat = dayFormat };
        return status with { Text = status.In(w => w, English) };
    }

    /// <summary>The openings from one date to another as local wall-clock spans, with touching spans joined (Monday 00:00-24:00 then Tuesday 00:00-02:00 is one).</summary>
    private static List<(DateTime Start, DateTime End)> Spans(OpeningHours hours, DateOnly from, DateOnly to)
    {
        var spans = new List<(DateTime Start, DateTime End)>();
        for (var date = from; date <= to; date = date.AddDays(1))
        {
            foreach (var range in hours.OnDate(date))
            {
                var start = date.ToDateTime(range.Opens);
                var end = (range.Overnight ? date.AddDays(1) : date).ToDateTime(range.Closes);
                spans.Add((start, end));
            }
        }

        spans.Sort((a, b) => a.Start.CompareTo(b.Start));
        var joined = new List<(DateTime Start, DateTime End)>();
        foreach (var span in spans)
        {
            if (joined.Count > 0 && span.Start <= joined[^1].End)
            {
                joined[^1] = (joined[^1].Start, span.End > joined[^1].End ? span.End : joined[^1].End);
            }
            else
            {
                joined.Add(span);
            }
        }

        return joined;
    }

}
