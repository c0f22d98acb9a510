using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Content;
using SaferBcp.SafePlaces.Models;

namespace SaferBcp.Portal.BrowserTests;

/// <summary>The Safe Places locator in a real browser, with the keyboard only. Its own portal, so its places do not show up in other tests.</summary>
[Collection(SafePlacesCollection.Name)]
public sealed class SafePlacesBrowserTests
{
    private static readonly SemaphoreSlim Seeded = new(1, 1);
    private static bool _seeded;
    private readonly BrowserFixture _browser;

    public SafePlacesBrowserTests(BrowserFixture browser) => _browser = browser;

    /// <summary>
    /// Two places in BH1, one closed now (the portal's clock starts on a Friday at noon), and one open in Poole.
    /// No postcode list is imported, so BH1 1AA is measured from the middle of the BH1 places.
    /// </summary>
    private async Task SeedAsync()
    {
        await Seeded.WaitAsync();
        try
        {
            if (_seeded)
            {
                return;
            }

            await CreateAsync("Sycamore Browser Pharmacy", "BH1 1AA", BcpArea.Bournemouth, 50.7203, -1.8797, "00:00-24:00", SafePlaceFacilities.PrivateRoom | SafePlaceFacilities.StepFreeAccess);
            await CreateAsync("Tamarisk Browser Cafe", "BH1 2AA", BcpArea.Bournemouth, 50.7204, -1.8796, "", SafePlaceFacilities.QuietSpace);
            await CreateAsync("Umbrella Browser Library", "BH15 1AA", BcpArea.Poole, 50.7117, -1.9875, "09:00-24:00", SafePlaceFacilities.None);
            _seeded = true;
        }
        finally
        {
            Seeded.Release();
        }
    }

    private async Task CreateAsync(string name, string postcode, BcpArea area, double lat, double lon, string friday, SafePlaceFacilities facilities)
    {
        await using var scope = _browser.Portal.Services.CreateAsyncScope();
        var content = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var item = content.New(SafePlaceTypes.SafePlace);
        item.Apply(new TitlePart { Title = name });
        item.Apply(new AutoroutePart { Path = SafePlaceTypes.PathPrefix + ContentPath.Slugify(name) });
        var part = new SafePlacePart
        {
            Category = SafePlaceCategory.Shop,
            Address = "1 Browser Street\nBournemouth",
            Postcode = postcode,
            Area = area,
            Latitude = lat.ToString(CultureInfo.InvariantCulture),
            Longitude = lon.ToString(CultureInfo.InvariantCulture),
            Facilities = facilities,
            Schemes = SafePlaceSchemes.SafePlaces,
            LastVerified = "2026-11-01",
        };
        part.Hours.Monday = "09:00-17:30";
        part.Hours.Friday = friday;
        item.Apply(part);
        var saved = await content.SaveDraftAsync(item, "test");
        await content.PublishAsync(saved.ContentItemId, "test");
    }

    /// <summary>Presses Tab until <paramref name="target"/> has the focus, as a keyboard user would.</summary>
    private static async Task TabToAsync(IPage page, ILocator target, int maxPresses = 80)
    {
        for (var i = 0; i < maxPresses; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await target.EvaluateAsync<bool>("el => el === document.activeElement"))
            {
                return;
            }
        }

        Assert.Fail($"Could not reach {target} with the Tab key");
    }

    [SkippableFact]
    public async Task A_resident_types_a_BH_postcode_filters_to_open_now_and_opens_the_nearest_place()
    {
        await SeedAsync();
        await using var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/safe-places");

        var postcode = page.GetByLabel("Postcode");
        await TabToAsync(page, postcode);
        await page.Keyboard.TypeAsync("bh1 1aa");
        await TabToAsync(page, page.GetByLabel("Open now"));
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Find Safe Places" }));
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/safe-places\?postcode=bh1\+1aa&.*open=true"));
        var results = page.Locator(".app-safe-places-results > li");
        await Assertions.Expect(results.First).ToContainTextAsync("Sycamore Browser Pharmacy");
        await Assertions.Expect(results.First).ToContainTextAsync("Open now");
        await Assertions.Expect(page.Locator(".app-safe-places-results")).Not.ToContainTextAsync("Tamarisk Browser Cafe");
        await Assertions.Expect(page.GetByText("We do not have BH1 1AA in our postcode list, so distances are from the middle of BH1.")).ToBeVisibleAsync();

        var nearest = results.First.GetByRole(AriaRole.Link, new() { Name = "Sycamore Browser Pharmacy" });
        await TabToAsync(page, nearest);
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/safe-places/sycamore-browser-pharmacy$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sycamore Browser Pharmacy");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Opening hours" })).ToBeVisibleAsync();
    }

    [SkippableTheory]
    [InlineData("/safe-places?postcode=BH1&facility=step-free")]
    [InlineData("/safe-places?postcode=not+a+postcode")]
    [InlineData("/safe-places/sycamore-browser-pharmacy")]
    [InlineData("/safe-places?area=christchurch")]
    public async Task Safe_Places_pages_have_no_accessibility_violations(string url)
    {
        await SeedAsync();
        await using var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(url);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        if (url.Contains("not+a+postcode", StringComparison.Ordinal))
        {
            await Assertions.Expect(page).ToHaveTitleAsync(new Regex("^Error: Find a Safe Place"));
        }

        await Axe.AssertNoViolationsAsync(page);
    }

    [SkippableFact]
    public async Task The_locator_asks_for_nothing_from_any_other_site()
    {
        await SeedAsync();
        await using var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var requested = new List<string>();
        page.Request += (_, request) =>
        {
            lock (requested)
            {
                requested.Add(request.Url);
            }
        };

        await page.GotoAsync("/safe-places?postcode=BH1", new() { WaitUntil = WaitUntilState.NetworkIdle });
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Use my location" })).ToBeVisibleAsync();
        var own = _browser.BaseUrl + "/";
        lock (requested)
        {
            Assert.Contains(own + "safe-places-assets/location.js", requested);
            Assert.DoesNotContain(requested, u => !u.StartsWith(own, StringComparison.Ordinal));
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SafePlacesCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Safe Places in a browser";
}
