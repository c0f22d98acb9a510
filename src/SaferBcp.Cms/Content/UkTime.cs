namespace SaferBcp.Cms.Content;

/// <summary>
/// Converts between UTC (what is stored) and UK local time (what staff type and read).
/// Around the clock changes: a local time that does not exist (01:30 on the last Sunday of March)
/// moves forward by the hour skipped; a local time that happens twice (01:30 on the last Sunday
/// of October) means the first one, in summer time.
/// </summary>
public static class UkTime
{
    public static readonly TimeZoneInfo Zone = FindZone();

    public static DateTime ToUtc(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddHours(1);
        }

        if (Zone.IsAmbiguousTime(unspecified))
        {
            var offsets = Zone.GetAmbiguousTimeOffsets(unspecified);
            var summer = offsets.Max();
            return DateTime.SpecifyKind(unspecified - summer, DateTimeKind.Utc);
        }

        return TimeZoneInfo.ConvertTimeToUtc(unspecified, Zone);
    }

    public static DateTime FromUtc(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    public static DateTime Now(TimeProvider clock) => FromUtc(clock.GetUtcNow().UtcDateTime);

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(Now(clock));

    public static string Format(DateTime utc) => FromUtc(utc).ToString("d MMMM yyyy 'at' HH:mm", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.FindSystemTimeZoneById("GMT Standard Time");
        }
    }
}
