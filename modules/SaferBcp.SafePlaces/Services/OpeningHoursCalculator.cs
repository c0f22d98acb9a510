using System.Globalization;
using SaferBcp.Cms.Content;

namespace SaferBcp.SafePlaces.Services;

/// <summary>Whether a place is open at an instant, and the sentence the public reads about it.</summary>
public sealed record OpeningStatus(bool IsOpen, string Text);

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
            var when = closesOn == today ? Time(current.End)
                : closesOn == today.AddDays(1) && current.End.TimeOfDay == TimeSpan.Zero ? "midnight"
                : closesOn == today.AddDays(1) ? $"{Time(current.End)} tomorrow"
                : $"{current.End.ToString("dddd", English)} {Time(current.End)}";
            return new OpeningStatus(true, $"Open now \u2014 closes {when}");
        }

        var next = spans.FirstOrDefault(s => s.Start > now);
        if (next == default)
        {
            return new OpeningStatus(false, "Closed");
        }

        var opensOn = DateOnly.FromDateTime(next.Start);
        var day = opensOn == today ? "at"
            : opensOn == today.AddDays(1) ? "tomorrow"
            : opensOn < today.AddDays(7) ? next.Start.ToString("dddd", English)
            : next.Start.ToString("dddd d MMMM", English);
        return new OpeningStatus(false, $"Closed \u2014 opens {day} {Time(next.Start)}");
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

    private static string Time(DateTime local) => local.ToString("HH:mm", CultureInfo.InvariantCulture);
}
