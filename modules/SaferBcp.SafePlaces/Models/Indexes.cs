namespace SaferBcp.SafePlaces.Models;

/// <summary>One row per published Safe Place: everything the locator, the place list and the open data need, without reading content items.</summary>
public sealed class SafePlaceIndex
{
    public string ContentItemId { get; set; } = "";

    public string Name { get; set; } = "";

    public SafePlaceCategory Category { get; set; }

    public BcpArea Area { get; set; }

    public string Locality { get; set; } = "";

    public string Address { get; set; } = "";

    public string Postcode { get; set; } = "";

    /// <summary>The outward code ("BH1"), for the district centroid.</summary>
    public string District { get; set; } = "";

    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    public int Facilities { get; set; }

    public int Schemes { get; set; }

    public string Phone { get; set; } = "";

    public string Description { get; set; } = "";

    public DateOnly LastVerified { get; set; }

    public string Path { get; set; } = "";

    /// <summary>The parsed weekly ranges and closed dates (<see cref="Services.OpeningHoursJson"/>).</summary>
    public string OpeningHoursJson { get; set; } = "";
}

/// <summary>A postcode's coordinates from the ONS Postcode Directory (or any open CSV with postcode, latitude, longitude), imported by staff.</summary>
public sealed class PostcodeLocation
{
    /// <summary>Normalised, like "BH1 1AA".</summary>
    public string Postcode { get; set; } = "";

    public string District { get; set; } = "";

    public double Latitude { get; set; }

    public double Longitude { get; set; }
}
