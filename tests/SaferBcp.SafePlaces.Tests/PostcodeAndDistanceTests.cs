using SaferBcp.Cms.Formats;
using SaferBcp.SafePlaces.Services;

namespace SaferBcp.SafePlaces.Tests;

public class PostcodeAndDistanceTests
{
    [Theory]
    [InlineData("BH1 1AA", "BH1 1AA", true)]
    [InlineData("bh11aa", "BH1 1AA", true)]
    [InlineData("  bh23 1aa ", "BH23 1AA", true)]
    [InlineData("BH1", "BH1", false)]
    [InlineData("bh15", "BH15", false)]
    [InlineData("SW1A 1AA", "SW1A 1AA", true)]
    [InlineData("EC1A1BB", "EC1A 1BB", true)]
    [InlineData("w1a 0ax", "W1A 0AX", true)]
    public void Reads_full_postcodes_and_districts_however_they_are_typed(string typed, string normalised, bool full)
    {
        Assert.True(UkPostcode.TryParse(typed, allowDistrict: true, out var postcode));
        Assert.Equal(normalised, postcode.ToString());
        Assert.Equal(full, postcode.IsFull);
        Assert.Equal(normalised.Split(' ')[0], postcode.District);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Bournemouth")]
    [InlineData("BH1 1A")]
    [InlineData("12345")]
    [InlineData("BH1 AAA")]
    [InlineData("B")]
    public void Refuses_what_is_not_a_postcode(string typed)
    {
        Assert.False(UkPostcode.TryParse(typed, allowDistrict: true, out _));
    }

    [Fact]
    public void Distances_order_places_nearest_first_and_read_in_rounded_miles()
    {
        // Bournemouth Square, and places roughly east, further east and in Poole.
        const double lat = 50.7203, lon = -1.8797;
        var places = new (string Name, double Lat, double Lon)[]
        {
            ("Poole Quay", 50.7117, -1.9875),
            ("Boscombe", 50.7253, -1.8403),
            ("Christchurch", 50.7352, -1.7782),
            ("The Square", 50.7206, -1.8790),
        };
        var ordered = places.OrderBy(p => Distance.Miles(lat, lon, p.Lat, p.Lon)).Select(p => p.Name).ToList();
        Assert.Equal(["The Square", "Boscombe", "Christchurch", "Poole Quay"], ordered);

        var toPoole = Distance.Miles(lat, lon, 50.7117, -1.9875);
        Assert.InRange(toPoole, 4.7, 4.9);
        Assert.Equal("less than 0.1 miles", Distance.Format(Distance.Miles(lat, lon, 50.7206, -1.8790)));
        Assert.Equal("0.4 miles", Distance.Format(0.43));
        Assert.Equal("1 mile", Distance.Format(0.96));
        Assert.Equal("12 miles", Distance.Format(12.4));
    }
}
