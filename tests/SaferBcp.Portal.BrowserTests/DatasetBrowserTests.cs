namespace SaferBcp.Portal.BrowserTests;

/// <summary>"Our data" in a real browser: accessible, charts and tables included, and its downloads reachable by keyboard.</summary>
[Collection(PublicSiteCollection.Name)]
public sealed class DatasetBrowserTests
{
    private readonly BrowserFixture _browser;

    public DatasetBrowserTests(BrowserFixture browser) => _browser = browser;

    [SkippableTheory]
    [InlineData("/data", true)]
    [InlineData("/data/MARAC-CASES", true)]
    [InlineData("/data/MARAC-REPEAT", true)]
    [InlineData("/data/UP2U-REFERRALS", false)]
    public async Task Our_data_pages_have_no_axe_violations(string url, bool hasTrendChart)
    {
        await using var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync(url);

        Assert.Equal(200, response!.Status);
        if (hasTrendChart)
        {
            await Assertions.Expect(page.Locator("svg[role=img]").First).ToBeVisibleAsync();
        }

        await Assertions.Expect(page.Locator("table.govuk-table").First).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page);
    }

    [SkippableFact]
    public async Task Someone_using_only_a_keyboard_can_reach_and_use_the_CSV_download_link()
    {
        await using var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/data");
        var link = page.GetByRole(AriaRole.Link, new() { Name = "Download the dataset as a CSV file" });

        var reached = false;
        for (var presses = 0; presses < 40 && !reached; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            reached = await link.EvaluateAsync<bool>("el => el === document.activeElement");
        }

        Assert.True(reached, "Tabbing from the top of the page never reached the CSV download link");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Keyboard.PressAsync("Enter"));
        Assert.Equal("safer-bcp-dataset.csv", download.SuggestedFilename);
        var text = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.StartsWith("indicator_code,indicator_name,unit,period", text.TrimStart('\uFEFF'), StringComparison.Ordinal);
    }
}

/// <summary>The dataset's back-office pages, as the administrator sees them.</summary>
[Collection(BackOfficeCollection.Name)]
public sealed class DatasetBackOfficeBrowserTests
{
    private readonly BrowserFixture _browser;

    public DatasetBackOfficeBrowserTests(BrowserFixture browser) => _browser = browser;

    [SkippableFact]
    public async Task The_dataset_back_office_pages_have_no_axe_violations()
    {
        await using var context = await _browser.NewAdminContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/admin/dataset");
        await Axe.AssertNoViolationsAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Up2U referrals" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Up2U referrals");
        await Axe.AssertNoViolationsAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Edit the indicator" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Edit the indicator");
        await Axe.AssertNoViolationsAsync(page);

        await page.GotoAsync("/admin/dataset/import");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check and import" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Select a CSV file");
        await Axe.AssertNoViolationsAsync(page);
    }
}
