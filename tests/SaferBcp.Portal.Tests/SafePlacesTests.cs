using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Data;
using SaferBcp.SafePlaces;
using SaferBcp.SafePlaces.Models;
using SaferBcp.SafePlaces.Services;

namespace SaferBcp.Portal.Tests;

/// <summary>
/// The Safe Places locator, place pages, open data and back office over the real portal. The portal's clock starts
/// at Friday 27 November 2026, 12:00 UTC (GMT), so a place open on Fridays 00:00-24:00 is open now.
/// </summary>
public sealed partial class SafePlacesTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _portal;

    public SafePlacesTests(PortalFactory portal) => _portal = portal;

    internal static async Task<string> CreatePlaceAsync(
        PortalFactory portal,
        string name,
        string postcode,
        BcpArea area,
        double? lat,
        double? lon,
        string friday = "00:00-24:00",
        SafePlaceFacilities facilities = SafePlaceFacilities.None,
        SafePlaceSchemes schemes = SafePlaceSchemes.SafePlaces,
        string lastVerified = "2026-11-01",
        bool publish = true,
        SafePlaceCategory category = SafePlaceCategory.Shop,
        string specialHours = "")
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var content = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var item = content.New(SafePlaceTypes.SafePlace);
        item.Apply(new TitlePart { Title = name });
        item.Apply(new AutoroutePart { Path = SafePlaceTypes.PathPrefix + ContentPath.Slugify(name) });
        var part = new SafePlacePart
        {
            Category = category,
            Address = "1 Test Street\nTest Town",
            Postcode = postcode,
            Area = area,
            Locality = "Testville",
            Latitude = lat?.ToString(CultureInfo.InvariantCulture) ?? "",
            Longitude = lon?.ToString(CultureInfo.InvariantCulture) ?? "",
            Facilities = facilities,
            Schemes = schemes,
            LastVerified = lastVerified,
            SpecialHours = specialHours,
            Description = "A place made by a test.",
        };
        part.Hours.Friday = friday;
        part.Hours.Monday = "09:00-17:30";
        item.Apply(part);
        var saved = await content.SaveDraftAsync(item, "test");
        if (publish)
        {
            await content.PublishAsync(saved.ContentItemId, "test");
        }

        return saved.ContentItemId;
    }

    private static int IndexOf(string html, string text)
    {
        var index = html.IndexOf(text, StringComparison.Ordinal);
        Assert.True(index >= 0, $"Expected '{text}' on the page");
        return index;
    }

    [Fact]
    public async Task The_locator_filters_by_area_open_now_facility_and_scheme_and_sorts_nearest_first()
    {
        await CreatePlaceAsync(_portal, "Alder Filter Pharmacy", "BH1 1AA", BcpArea.Bournemouth, 50.7203, -1.8797,
            facilities: SafePlaceFacilities.PrivateRoom, schemes: SafePlaceSchemes.AskForAni | SafePlaceSchemes.SafePlaces, category: SafePlaceCategory.Pharmacy);
        await CreatePlaceAsync(_portal, "Birch Filter Library", "BH15 1AA", BcpArea.Poole, 50.7117, -1.9875,
            facilities: SafePlaceFacilities.StepFreeAccess, category: SafePlaceCategory.Library);
        await CreatePlaceAsync(_portal, "Cedar Filter Cafe", "BH5 1AA", BcpArea.Bournemouth, 50.7253, -1.8403, friday: "", category: SafePlaceCategory.Cafe);
        using var visitor = _portal.Browser();

        var byDistrict = WebUtility.HtmlDecode(await visitor.GetStringAsync("/safe-places?postcode=bh1"));
        Assert.True(IndexOf(byDistrict, "Alder Filter Pharmacy") < IndexOf(byDistrict, "Cedar Filter Cafe"));
        Assert.True(IndexOf(byDistrict, "Cedar Filter Cafe") < IndexOf(byDistrict, "Birch Filter Library"));
        Assert.Contains("from the middle of BH1", byDistrict, StringComparison.Ordinal);
        Assert.Contains("less than 0.1 miles away", byDistrict, StringComparison.Ordinal);
        Assert.Contains("Open now \u2014 closes midnight", byDistrict, StringComparison.Ordinal);
        Assert.Contains("Closed \u2014 opens Monday 09:00", byDistrict, StringComparison.Ordinal);

        var fromPoole = await visitor.GetStringAsync("/safe-places?lat=50.7117&lon=-1.9875");
        Assert.True(IndexOf(fromPoole, "Birch Filter Library") < IndexOf(fromPoole, "Alder Filter Pharmacy"));
        Assert.Contains("from your location", fromPoole, StringComparison.Ordinal);

        var poole = await visitor.GetStringAsync("/safe-places?area=poole");
        Assert.Contains("Birch Filter Library", poole, StringComparison.Ordinal);
        Assert.DoesNotContain("Alder Filter Pharmacy", poole, StringComparison.Ordinal);

        var openNow = await visitor.GetStringAsync("/safe-places?open=true");
        Assert.Contains("Alder Filter Pharmacy", openNow, StringComparison.Ordinal);
        Assert.Contains("Birch Filter Library", openNow, StringComparison.Ordinal);
        Assert.DoesNotContain("Cedar Filter Cafe", openNow, StringComparison.Ordinal);

        var privateRoom = await visitor.GetStringAsync("/safe-places?facility=private-room");
        Assert.Contains("Alder Filter Pharmacy", privateRoom, StringComparison.Ordinal);
        Assert.DoesNotContain("Birch Filter Library", privateRoom, StringComparison.Ordinal);

        var ani = await visitor.GetStringAsync("/safe-places?scheme=ask-for-ani");
        Assert.Contains("Alder Filter Pharmacy", ani, StringComparison.Ordinal);
        Assert.DoesNotContain("Cedar Filter Cafe", ani, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_postcode_is_found_in_the_imported_list_and_an_unknown_one_is_said_plainly_without_sorting()
    {
        await CreatePlaceAsync(_portal, "Dogwood Postcode Shop", "BH2 5AA", BcpArea.Bournemouth, 50.7220, -1.8850);
        await CreatePlaceAsync(_portal, "Elm Postcode Shop", "BH23 1AA", BcpArea.Christchurch, 50.7352, -1.7782);
        await _portal.CreateStaffAsync("safeplaces-postcodes", "Editor");
        using var editor = _portal.Browser();
        await PortalFactory.SignInAsync(editor, "safeplaces-postcodes", PortalFactory.StaffPassword);

        // An ONSPD-style extract: the Christchurch postcode is near Elm; the 99.999999 row has no coordinates.
        using (var upload = await UploadAsync(editor, "/admin/safe-places/postcodes", "postcodes", "pcd,pcds,lat,long\r\nBH231AA,BH23 1AA,50.7350,-1.7780\r\nBH9 9ZZ,BH9 9ZZ,99.999999,0.000000\r\n"))
        {
            Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        }

        Assert.Contains("1 postcodes", await editor.GetStringAsync("/admin/safe-places"), StringComparison.Ordinal);

        using var visitor = _portal.Browser();
        var christchurch = await visitor.GetStringAsync("/safe-places?postcode=bh231aa");
        Assert.Contains("from BH23 1AA", christchurch, StringComparison.Ordinal);
        Assert.True(IndexOf(christchurch, "Elm Postcode Shop") < IndexOf(christchurch, "Dogwood Postcode Shop"));

        var unknown = await visitor.GetStringAsync("/safe-places?postcode=SO99+9ZZ");
        Assert.Contains("We could not find that postcode. Try the first part, like BH1", unknown, StringComparison.Ordinal);
        Assert.Contains("The list is not sorted by distance", unknown, StringComparison.Ordinal);
        Assert.DoesNotContain("miles away", unknown, StringComparison.Ordinal);

        var notAPostcode = await visitor.GetStringAsync("/safe-places?postcode=my+house");
        Assert.Contains("<title>Error: Find a Safe Place", notAPostcode, StringComparison.Ordinal);
        Assert.Contains("href=\"#postcode\">Enter a postcode, like BH1 1AA, or the first part, like BH1", notAPostcode, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_csv_and_geojson_parse_and_list_exactly_the_places_the_public_can_see()
    {
        await CreatePlaceAsync(_portal, "Fir Open Data Shop", "BH1 2AA", BcpArea.Bournemouth, 50.7210, -1.8700, facilities: SafePlaceFacilities.QuietSpace);
        await CreatePlaceAsync(_portal, "Ginkgo Open Data Draft", "BH1 2AB", BcpArea.Bournemouth, 50.7211, -1.8701, publish: false);
        await CreatePlaceAsync(_portal, "Hazel Open Data Expired", "BH1 2AD", BcpArea.Bournemouth, 50.7212, -1.8702, lastVerified: "2025-04-01");
        List<string> expected;
        await using (var scope = _portal.Services.CreateAsyncScope())
        {
            expected = await scope.ServiceProvider.GetRequiredService<SafePlaceLocator>().Visible().Select(p => p.Name).ToListAsync();
        }

        Assert.Contains("Fir Open Data Shop", expected);
        using var visitor = _portal.Browser();

        using var csvResponse = await visitor.GetAsync("/safe-places.csv");
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        var names = new List<string>();
        using (var csv = CsvReader.Create(new StringReader(await csvResponse.Content.ReadAsStringAsync()), new CsvReaderOptions { Separator = ',' }, leaveOpen: false))
        {
            while (csv.Read())
            {
                names.Add(csv.GetString("name"));
                if (csv.GetString("name") == "Fir Open Data Shop")
                {
                    Assert.Equal("BH1 2AA", csv.GetString("postcode"));
                    Assert.Equal("quiet-space", csv.GetString("facilities"));
                    Assert.Equal("00:00-24:00", csv.GetString("friday"));
                    Assert.Equal(-1.87, double.Parse(csv.GetString("longitude"), CultureInfo.InvariantCulture), 4);
                }
            }
        }

        Assert.Equal(expected.Order(), names.Order());

        using var geoResponse = await visitor.GetAsync("/safe-places.geojson");
        Assert.Equal("application/geo+json", geoResponse.Content.Headers.ContentType?.MediaType);
        var collection = JsonSerializer.Deserialize<FeatureCollection>(await geoResponse.Content.ReadAsStringAsync(), SafePlaceOpenData.GeoJsonOptions)!;
        Assert.Equal(expected.Order(), collection.Select(f => (string)f.Attributes["name"]).Order());
        var fir = collection.Single(f => (string)f.Attributes["name"] == "Fir Open Data Shop");
        var point = Assert.IsType<Point>(fir.Geometry);
        Assert.Equal(50.7210, point.Y, 4);
        Assert.Equal(-1.8700, point.X, 4);

        Assert.DoesNotContain("Ginkgo Open Data Draft", names);
        Assert.DoesNotContain("Hazel Open Data Expired", names);
    }

    [Fact]
    public async Task A_place_moved_to_another_area_or_taken_down_shows_so_in_the_locator_at_once()
    {
        // The locator keeps the published places in memory: a publish or an unpublish must reach it straight away.
        var id = await CreatePlaceAsync(_portal, "Mulberry Moving Cafe", "BH2 6AE", BcpArea.Bournemouth, 50.7223, -1.8803, category: SafePlaceCategory.Cafe);
        using var visitor = _portal.Browser();
        Assert.Contains("Mulberry Moving Cafe", await visitor.GetStringAsync("/safe-places?area=bournemouth"), StringComparison.Ordinal);

        await using (var scope = _portal.Services.CreateAsyncScope())
        {
            var content = scope.ServiceProvider.GetRequiredService<ContentManager>();
            var item = (await content.GetAsync(id, VersionOptions.Latest))!;
            var part = item.As<SafePlacePart>();
            part.Area = BcpArea.Poole;
            item.Apply(part);
            await content.SaveDraftAsync(item, "test");
            await content.PublishAsync(id, "test");
        }

        Assert.DoesNotContain("Mulberry Moving Cafe", await visitor.GetStringAsync("/safe-places?area=bournemouth"), StringComparison.Ordinal);
        Assert.Contains("Mulberry Moving Cafe", await visitor.GetStringAsync("/safe-places?area=poole"), StringComparison.Ordinal);

        await using (var scope = _portal.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<ContentManager>().UnpublishAsync(id, "test"));
        }

        Assert.DoesNotContain("Mulberry Moving Cafe", await visitor.GetStringAsync("/safe-places?area=poole"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Special_hours_for_today_decide_open_now_and_show_on_the_place_page_and_in_open_data()
    {
        // Usually open all day on Fridays; today (Friday 27 November 2026, 12:00) only 09:00-11:00.
        await CreatePlaceAsync(_portal, "Olive Special Hours Pharmacy", "BH2 6AG", BcpArea.Bournemouth, 50.7225, -1.8805, category: SafePlaceCategory.Pharmacy,
            specialHours: "27/11/2026 09:00-11:00\n24/12/2026 09:00-14:00");
        using var visitor = _portal.Browser();

        Assert.DoesNotContain("Olive Special Hours Pharmacy", await visitor.GetStringAsync("/safe-places?open=true"), StringComparison.Ordinal);
        var listed = WebUtility.HtmlDecode(await visitor.GetStringAsync("/safe-places?area=bournemouth"));
        Assert.Contains("Olive Special Hours Pharmacy", listed, StringComparison.Ordinal);

        var page = WebUtility.HtmlDecode(await visitor.GetStringAsync("/safe-places/olive-special-hours-pharmacy"));
        Assert.Contains("Closed \u2014 opens Monday 09:00", page, StringComparison.Ordinal);
        Assert.Contains("<h2 class=\"govuk-heading-s\">Special opening hours</h2>", page, StringComparison.Ordinal);
        Assert.Contains("<li>Thursday 24 December 2026: 09:00 to 14:00</li>", page, StringComparison.Ordinal);

        Assert.Contains("27/11/2026 09:00-11:00 | 24/12/2026 09:00-14:00", await visitor.GetStringAsync("/safe-places.csv"), StringComparison.Ordinal);
        var geo = JsonSerializer.Deserialize<FeatureCollection>(await visitor.GetStringAsync("/safe-places.geojson"), SafePlaceOpenData.GeoJsonOptions)!;
        Assert.Equal("27/11/2026 09:00-11:00 | 24/12/2026 09:00-14:00", (string)geo.Single(f => (string)f.Attributes["name"] == "Olive Special Hours Pharmacy").Attributes["special_hours"]);
    }

    [Fact]
    public async Task A_place_published_on_another_node_shows_in_this_nodes_locator()
    {
        var id = await CreatePlaceAsync(_portal, "Nutmeg Other Node Library", "BH2 6AF", BcpArea.Christchurch, 50.7224, -1.8804, publish: false, category: SafePlaceCategory.Library);
        using var visitor = _portal.Browser();
        Assert.DoesNotContain("Nutmeg Other Node Library", await visitor.GetStringAsync("/safe-places?area=christchurch"), StringComparison.Ordinal);

        // What another node's publish leaves in the shared database: the index row and the change log entry, in one transaction.
        await using (var scope = _portal.Services.CreateAsyncScope())
        {
            var database = scope.ServiceProvider.GetRequiredService<PortalDatabase>();
            var item = (await scope.ServiceProvider.GetRequiredService<ContentManager>().GetAsync(id, VersionOptions.Latest))!;
            await using var transaction = await database.BeginTransactionAsync();
            var places = scope.ServiceProvider.GetRequiredService<SafePlacesDbContext>();
            var row = new SafePlaceIndex { ContentItemId = id };
            SafePlaceIndexHandler.Fill(row, item);
            places.Places.Add(row);
            await places.SaveChangesAsync();
            var cms = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
            cms.ContentChanges.Add(new ContentChange { ContentItemId = id, ContentType = SafePlaceTypes.SafePlace, Kind = ContentChangeKind.Published, NodeId = "another-node", OccurredUtc = DateTime.UtcNow });
            await cms.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        Assert.Contains("Nutmeg Other Node Library", await visitor.GetStringAsync("/safe-places?area=christchurch"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unpublished_or_expired_place_appears_nowhere_public()
    {
        await CreatePlaceAsync(_portal, "Juniper Hidden Draft", "BH2 6AA", BcpArea.Bournemouth, 50.7220, -1.8800, publish: false);
        await CreatePlaceAsync(_portal, "Kowhai Hidden Expired", "BH2 6AB", BcpArea.Bournemouth, 50.7221, -1.8801, lastVerified: "2025-05-27");
        await CreatePlaceAsync(_portal, "Laurel Still Shown", "BH2 6AD", BcpArea.Bournemouth, 50.7222, -1.8802, lastVerified: "2025-05-28");
        using var visitor = _portal.Browser();

        var locator = await visitor.GetStringAsync("/safe-places?postcode=BH2");
        Assert.Contains("Laurel Still Shown", locator, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/safe-places/laurel-still-shown")).StatusCode);
        foreach (var (name, path) in new[] { ("Juniper Hidden Draft", "juniper-hidden-draft"), ("Kowhai Hidden Expired", "kowhai-hidden-expired") })
        {
            Assert.DoesNotContain(name, locator, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/safe-places/" + path)).StatusCode);
            Assert.DoesNotContain(name, await visitor.GetStringAsync("/safe-places.csv"), StringComparison.Ordinal);
            Assert.DoesNotContain(name, await visitor.GetStringAsync("/safe-places.geojson"), StringComparison.Ordinal);
        }

        // The hourly check takes expired places down, which also takes them out of the site search.
        await using (var scope = _portal.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<SafePlaceExpiry>().HideExpiredAsync() >= 1);
        }

        Assert.DoesNotContain("Kowhai Hidden Expired", await visitor.GetStringAsync("/search?q=Kowhai"), StringComparison.Ordinal);
        Assert.DoesNotContain("Juniper Hidden Draft", await visitor.GetStringAsync("/search?q=Juniper"), StringComparison.Ordinal);
        Assert.Contains("Laurel Still Shown", await visitor.GetStringAsync("/search?q=Laurel"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_locator_and_a_place_page_refer_to_nothing_outside_the_site()
    {
        await CreatePlaceAsync(_portal, "Maple Same Origin Shop", "BH1 3AA", BcpArea.Bournemouth, 50.7210, -1.8750, facilities: SafePlaceFacilities.PhoneToUse);
        using var visitor = _portal.Browser();
        foreach (var url in new[] { "/safe-places", "/safe-places?postcode=BH1&open=true", "/safe-places?postcode=nonsense", "/safe-places/maple-same-origin-shop" })
        {
            using var response = await visitor.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            var references = ReferencePattern().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[2].Value)).ToList();
            Assert.NotEmpty(references);
            foreach (var reference in references)
            {
                var sameOrigin = (reference.StartsWith('/') && !reference.StartsWith("//", StringComparison.Ordinal))
                    || reference.StartsWith('#') || reference.StartsWith("tel:", StringComparison.Ordinal) || reference.StartsWith("data:,", StringComparison.Ordinal);
                Assert.True(sameOrigin, $"{url} refers to {reference}");
            }

            Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_place_page_shows_the_opening_hours_table_and_status_and_the_locator_is_not_kept_by_the_browser()
    {
        await CreatePlaceAsync(_portal, "Nutmeg Page Cafe", "BH1 4AA", BcpArea.Bournemouth, 50.7210, -1.8760, friday: "09:00-17:30, 19:00-02:00");
        using var visitor = _portal.Browser();
        var page = WebUtility.HtmlDecode(await visitor.GetStringAsync("/safe-places/nutmeg-page-cafe"));
        Assert.Contains("Open now \u2014 closes 17:30", page, StringComparison.Ordinal);
        Assert.Contains("<caption class=\"govuk-table__caption govuk-table__caption--m\">Opening hours</caption>", page, StringComparison.Ordinal);
        Assert.Contains("09:00 to 17:30, 19:00 to 02:00 the next day", page, StringComparison.Ordinal);
        Assert.Contains("last checked with Nutmeg Page Cafe on 1 November 2026", page, StringComparison.Ordinal);

        using var locator = await visitor.GetAsync("/safe-places?postcode=BH1");
        Assert.Contains("no-store", locator.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_csv_import_with_one_bad_row_imports_nothing_and_reports_each_problem_and_a_good_one_imports_drafts()
    {
        await _portal.CreateStaffAsync("safeplaces-import", "Editor");
        using var editor = _portal.Browser();
        await PortalFactory.SignInAsync(editor, "safeplaces-import", PortalFactory.StaffPassword);
        const string header = "name,category,address,postcode,area,locality,latitude,longitude,monday,tuesday,wednesday,thursday,friday,saturday,sunday,closed_dates,facilities,schemes,phone,description,last_verified\r\n";
        const string good = "Olive Import Library,library,\"2 Import Road, Poole\",BH15 2AA,Poole,,50.7150,-1.9800,09:00-17:00,,,,,,,,step-free,safe-places,,,2026-11-01\r\n";
        const string bad = "Pine Import Shop,shop,3 Import Road,BH15 2AB,Poole,,,,9 till 5,,,,,,,,,safe-places,,,2026-11-01\r\n";

        using (var rejected = await UploadAsync(editor, "/admin/safe-places/import", "file", header + good + bad, ("publish", "true")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
            var html = await rejected.Content.ReadAsStringAsync();
            Assert.Contains("Nothing was imported", html, StringComparison.Ordinal);
            Assert.Matches("<td class=\"govuk-table__cell\">3</td>\\s*<td class=\"govuk-table__cell\">monday</td>\\s*<td class=\"govuk-table__cell\">Enter Monday times like", html);
        }

        await using (var scope = _portal.Services.CreateAsyncScope())
        {
            var content = scope.ServiceProvider.GetRequiredService<ContentManager>();
            Assert.False(await content.Query().AnyAsync(c => c.DisplayText == "Olive Import Library"));
        }

        using (var accepted = await UploadAsync(editor, "/admin/safe-places/import", "file", header + good, ("publish", "false")))
        {
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        }

        var list = await editor.GetStringAsync("/admin/safe-places");
        Assert.Contains("Olive Import Library", list, StringComparison.Ordinal);
        using var visitor = _portal.Browser();
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/safe-places/olive-import-library")).StatusCode);
    }

    [Fact]
    public async Task Places_not_checked_for_twelve_months_are_flagged_in_the_back_office()
    {
        await CreatePlaceAsync(_portal, "Quince Stale Shop", "BH1 5AA", BcpArea.Bournemouth, null, null, lastVerified: "2025-10-01");
        await _portal.CreateStaffAsync("safeplaces-list", "Editor");
        using var editor = _portal.Browser();
        await PortalFactory.SignInAsync(editor, "safeplaces-list", PortalFactory.StaffPassword);
        var list = await editor.GetStringAsync("/admin/safe-places");
        Assert.Matches("Quince Stale Shop</a></td>(?:(?!</tr>).)*Needs checking", Regex.Replace(list, "\\s+", " "));
    }

    [Fact]
    public async Task A_venue_application_becomes_an_incomplete_draft_that_cannot_be_published_until_completed()
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<SafePlaceDraftFactory>();
        var content = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var draft = await factory.CreateDraftAsync(new Dictionary<string, string>
        {
            ["venue-name"] = "Rowan Application Cafe",
            ["venue-address"] = "4 Application Lane",
            ["postcode"] = "bh8 8aa",
            ["venue-category"] = "Café",
            ["phone"] = "01202 000 000",
        });

        var part = draft.As<SafePlacePart>();
        Assert.Equal("Rowan Application Cafe", draft.DisplayText);
        Assert.Equal("BH8 8AA", part.Postcode);
        Assert.Equal(SafePlaceCategory.Cafe, part.Category);
        Assert.Equal("", part.Latitude);
        Assert.False(draft.Published);
        var refused = await Assert.ThrowsAsync<ContentValidationException>(() => content.PublishAsync(draft.ContentItemId, "test"));
        Assert.Contains(refused.Result.Errors, e => e.Field == "SafePlacePart.Area");
        Assert.Null(await content.GetAsync(draft.ContentItemId));
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string action, string field, string csv, params (string Name, string Value)[] fields)
    {
        var token = PortalFactory.AntiforgeryToken(await client.GetStringAsync("/admin/safe-places"));
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, field, "places.csv");
        return await client.PostAsync(action, form);
    }

    [GeneratedRegex("\\b(src|href|action)=\"([^\"]*)\"")]
    private static partial Regex ReferencePattern();
}
