using System.Text.RegularExpressions;

namespace SaferBcp.Portal.BrowserTests;

/// <summary>
/// The domestic abuse self-referral in Polish and in Arabic (right to left), in Chromium: axe on the start page, a
/// question page and its error state, and the radios laid out from the right in Arabic.
/// </summary>
[Collection(PublicSiteCollection.Name)]
public sealed class LanguageBrowserTests
{
    private readonly BrowserFixture _browser;

    public LanguageBrowserTests(BrowserFixture browser) => _browser = browser;

    [SkippableTheory]
    [InlineData("pl", "ltr", "Rozpocznij", "Czy grozi Ci bezpośrednie niebezpieczeństwo?", "Dalej", "Błąd:", "Wybierz „tak” albo „nie”", "Nie", "O Tobie")]
    [InlineData("ar", "rtl", "ابدأ الآن", "هل أنت في خطر مباشر؟", "متابعة", "خطأ:", "اختر نعم أو لا", "لا", "معلومات عنك")]
    public async Task A_resident_answers_the_referral_form_in_her_language_with_no_axe_violations(
        string culture, string dir, string start, string question, string next, string errorPrefix, string error, string no, string nextHeading)
    {
        await using var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/{culture}/refer-yourself/domestic-abuse");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", culture);
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("dir", dir);
        await Axe.AssertNoViolationsAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = start }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/{culture}/refer-yourself/domestic-abuse/danger$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(question);
        await Axe.AssertNoViolationsAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = next }).ClickAsync();
        await Assertions.Expect(page).ToHaveTitleAsync(new Regex("^" + Regex.Escape(errorPrefix)));
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync(error);
        await Axe.AssertNoViolationsAsync(page);

        var radio = page.GetByLabel(no, new() { Exact = true });
        var label = page.Locator("label.govuk-radios__label", new() { HasText = no });
        var radioBox = (await radio.BoundingBoxAsync())!;
        var labelBox = (await label.BoundingBoxAsync())!;
        if (dir == "rtl")
        {
            // Right to left: the radio stands to the right of its label, as Arabic is read.
            Assert.True(radioBox.X > labelBox.X, $"the radio ({radioBox.X}) should be right of its label ({labelBox.X})");
            await page.ScreenshotAsync(new() { Path = Path.Combine(RepositoryFolder("docs/images"), "languages-arabic-form-error.png"), FullPage = true });
        }
        else
        {
            Assert.True(radioBox.X < labelBox.X, $"the radio ({radioBox.X}) should be left of its label ({labelBox.X})");
        }

        await radio.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = next }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/{culture}/refer-yourself/domestic-abuse/about-you$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(nextHeading);
        await Axe.AssertNoViolationsAsync(page);
    }

    private static string RepositoryFolder(string relative)
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "SaferBcp.Portal.sln")))
        {
            folder = folder.Parent;
        }

        var path = Path.Combine(folder?.FullName ?? AppContext.BaseDirectory, relative);
        Directory.CreateDirectory(path);
        return path;
    }
}
