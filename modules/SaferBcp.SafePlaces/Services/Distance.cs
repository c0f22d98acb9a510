namespace SaferBcp.SafePlaces.Services;

/// <summary>Distances on the Earth's surface: the haversine formula is accurate to well under 1% at these distances.</summary>
public static class Distance
{
    private const double EarthRadiusMiles = 3958.8;

    public static double Miles(double lat1, double lon1, double lat2, double lon2)
    {
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var dLat = Radians(lat2 - lat1);
        var dLon = Radians(lon2 - lon1);
        var a = Math.Pow(Math.Sin(dLat / 2), 2) + (Math.Cos(Radians(lat1)) * Math.Cos(Radians(lat2)) * Math.Pow(Math.Sin(dLon / 2), 2));
        return 2 * EarthRadiusMiles * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    /// <summary>"0.4 miles", "1 mile", "12 miles".</summary>
    public static string Format(double miles)
    {
        var (wording, rounded) = Rounded(miles);
        return string.Format(System.Globalization.CultureInfo.InvariantCulture, wording, rounded.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>"{0} miles away" with the distance rounded for {0}: the English wording is the key of its translation.</summary>
    public static string Away(double miles, Func<string, string> translate, System.Globalization.CultureInfo culture)
    {
        var (wording, rounded) = Rounded(miles);
        return string.Format(culture, translate(wording + " away"), rounded.ToString("0.#", culture));
    }

    private static (string Wording, double Rounded) Rounded(double miles)
    {
        if (miles < 0.05)
        {
            return ("less than 0.1 miles", 0);
        }

        var rounded = miles < 10 ? Math.Round(miles, 1) : Math.Round(miles);
        return (rounded == 1 ? "1 mile" : "{0} miles", rounded);
    }
}

/// <summary>The area a place's coordinates must fall in: BCP and its edges, generously (Studland to Highcliffe, Poole Harbour to Ferndown).</summary>
public static class BcpBounds
{
    public const double MinLatitude = 50.55;
    public const double MaxLatitude = 50.90;
    public const double MinLongitude = -2.20;
    public const double MaxLongitude = -1.55;

    public static bool Contains(double latitude, double longitude) =>
        latitude is >= MinLatitude and <= MaxLatitude && longitude is >= MinLongitude and <= MaxLongitude;
}

/// <summary>Whether a visitor's coordinates are plausible for the UK (used for "Use my location").</summary>
public static class UkBounds
{
    public static bool Contains(double latitude, double longitude) =>
        latitude is >= 49.8 and <= 60.9 && longitude is >= -8.7 and <= 1.8;
}
