using SaferBcp.SafePlaces.Models;
using SaferBcp.SafePlaces.Services;

namespace SaferBcp.SafePlaces.Tests;

public class CsvImportValidationTests
{
    private static readonly DateOnly Today = new(2026, 11, 27);
    private const string Header = "name,category,address,postcode,area,locality,latitude,longitude,monday,tuesday,wednesday,thursday,friday,saturday,sunday,closed_dates,facilities,schemes,phone,description,last_verified";

    private static SafePlaceImportCheck Read(params string[] rows) =>
        SafePlaceCsvReader.Read(new StringReader(string.Join("\r\n", rows)), Today);

    [Fact]
    public void A_good_file_is_read_into_places()
    {
        var check = Read(Header,
            "Test Library,library,\"1 Test Street, Bournemouth\",bh11aa,Bournemouth,Town Centre,50.7208,-1.8795,09:00-17:30,09:00-17:30,,,,\"09:00-12:00, 13:00-16:00\",,2026-12-25,private-room step-free,safe-places ask-for-ani,01202 000000,Ask at the front desk,2026-11-01");
        Assert.True(check.Succeeded, string.Join("; ", check.Problems));
        var row = Assert.Single(check.Rows);
        Assert.Equal(2, row.Row);
        Assert.Equal("Test Library", row.Name);
        Assert.Equal("BH1 1AA", row.Part.Postcode);
        Assert.Equal("1 Test Street\nBournemouth", row.Part.Address);
        Assert.Equal(SafePlaceCategory.Library, row.Part.Category);
        Assert.Equal(SafePlaceFacilities.PrivateRoom | SafePlaceFacilities.StepFreeAccess, row.Part.Facilities);
        Assert.Equal(SafePlaceSchemes.SafePlaces | SafePlaceSchemes.AskForAni, row.Part.Schemes);
        Assert.Equal("09:00-12:00, 13:00-16:00", row.Part.Hours.Saturday);
    }

    [Fact]
    public void Every_bad_cell_is_reported_with_its_row_column_and_a_plain_problem()
    {
        var check = Read(Header,
            "Good Cafe,cafe,2 Test Road,BH2 5AA,Poole,,,,09:00-17:00,,,,,,,,,safe-places,,,2026-10-01",
            "Bad Shop,supermarket,3 Test Road,BH99,Dorchester,,51.5,-0.12,9am-5pm,,,,,,,Christmas,wifi,,07700 900000,,2030-01-01",
            ",shop,,,,,,,,,,,,,,,,,,,");
        Assert.False(check.Succeeded);
        var problems = check.Problems.Select(p => (p.Row, p.Column)).ToHashSet();
        Assert.DoesNotContain(check.Problems, p => p.Row == 2);
        Assert.Contains((3, "category"), problems);
        Assert.Contains((3, "postcode"), problems);
        Assert.Contains((3, "area"), problems);
        Assert.Contains((3, "latitude"), problems);
        Assert.Contains((3, "monday"), problems);
        Assert.Contains((3, "closed_dates"), problems);
        Assert.Contains((3, "facilities"), problems);
        Assert.Contains((3, "schemes"), problems);
        Assert.Contains((3, "last_verified"), problems);
        Assert.Contains((4, "name"), problems);
        Assert.Contains((4, "address"), problems);
        Assert.Contains(check.Problems, p => p.Row == 3 && p.Column == "category" && p.Problem.Contains("\u2018supermarket\u2019 is not a kind of place", StringComparison.Ordinal));
        Assert.Contains(check.Problems, p => p.Row == 3 && p.Column == "last_verified" && p.Problem == "The date last checked must be today or in the past");
    }

    [Fact]
    public void Special_hours_are_an_optional_column_of_days_separated_by_bars()
    {
        const string header = "name,category,address,postcode,area,monday,schemes,last_verified,special_hours";
        var good = Read(header, "Late Cafe,cafe,1 Test Road,BH1 1AA,Bournemouth,09:00-17:00,safe-places,2026-11-01,24/12/2026 09:00-14:00 | 31/12/2026 18:00-03:00");
        Assert.True(good.Succeeded, string.Join("; ", good.Problems));
        Assert.Equal("24/12/2026 09:00-14:00\n31/12/2026 18:00-03:00", Assert.Single(good.Rows).Part.SpecialHours);

        var bad = Read(header, "Late Cafe,cafe,1 Test Road,BH1 1AA,Bournemouth,09:00-17:00,safe-places,2026-11-01,Christmas Eve 9-2");
        Assert.Contains(bad.Problems, p => p.Row == 2 && p.Column == "special_hours" && p.Problem.Contains("does not start with a date", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_column_is_reported_against_the_header_row()
    {
        var check = Read("name,category,address,postcode", "A,shop,1 Road,BH1 1AA");
        Assert.False(check.Succeeded);
        Assert.Contains(check.Problems, p => p.Row == 1 && p.Column == "area" && p.Problem.Contains("is missing", StringComparison.Ordinal));
    }

    [Fact]
    public void The_same_place_twice_in_a_file_is_a_problem()
    {
        var row = "Twice,shop,1 Road,BH1 1AA,Bournemouth,,,,09:00-17:00,,,,,,,,,safe-places,,,2026-11-01";
        var check = Read(Header, row, row);
        Assert.Contains(check.Problems, p => p.Row == 3 && p.Column == "name" && p.Problem == "This place is also on row 2. List each place once");
    }

    [Fact]
    public void A_file_with_only_a_header_is_refused()
    {
        Assert.False(Read(Header).Succeeded);
    }
}
