using System.Text.RegularExpressions;

namespace SaferBcp.Portal.BrowserTests;

/// <summary>
/// The recipe's real domestic abuse self-referral, in Chromium, with the keyboard alone (focus, type, Space, Enter):
/// axe checks every question page, an error state and check your answers on the way.
/// </summary>
[Collection(PublicSiteCollection.Name)]
public sealed partial class SelfReferralBrowserTests
{
    private readonly BrowserFixture _browser;

    public SelfReferralBrowserTests(BrowserFixture browser) => _browser = browser;

    private static async Task TypeAsync(IPage page, ILocator field, string text)
    {
        await field.FocusAsync();
        await page.Keyboard.TypeAsync(text);
    }

    private static async Task ChooseAsync(IPage page, string question, string option)
    {
        await page.GetByRole(AriaRole.Group, new() { Name = question }).GetByLabel(option, new() { Exact = true }).FocusAsync();
        await page.Keyboard.PressAsync("Space");
    }

    private static async Task ContinueAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
    }

    private static async Task ExpectQuestionPageAsync(IPage page, string heading)
    {
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(heading);
        await Axe.AssertNoViolationsAsync(page);
    }

    [SkippableFact]
    public async Task A_resident_completes_the_domestic_abuse_self_referral_by_keyboard_and_sees_her_reference()
    {
        await using var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/refer-yourself/domestic-abuse");
        await Axe.AssertNoViolationsAsync(page);
        Assert.Empty(await context.CookiesAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "Start now" }).Or(page.GetByRole(AriaRole.Link, new() { Name = "Start now" })).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await ExpectQuestionPageAsync(page, "Are you in immediate danger?");

        // Continue with no answer: the error state, then answer.
        await ContinueAsync(page);
        await Assertions.Expect(page).ToHaveTitleAsync(new Regex("^Error: "));
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page);
        await ChooseAsync(page, "Are you in immediate danger?", "No");
        await ContinueAsync(page);

        await ExpectQuestionPageAsync(page, "About you");
        await TypeAsync(page, page.GetByLabel("Your name"), "Keyboard Resident");
        await ChooseAsync(page, "Where do you live?", "Poole");
        await ChooseAsync(page, "How old are you?", "18 to 24");
        await ContinueAsync(page);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("children");
        await Axe.AssertNoViolationsAsync(page);
        await ChooseAsync(page, "Do any children live with you?", "No");
        await ContinueAsync(page);

        await ExpectQuestionPageAsync(page, "Your safety");
        foreach (var question in new[]
        {
            "Has the person ever hurt you so badly that you were injured?", "Are you very frightened of them?",
            "Have they ever tried to strangle, choke or suffocate you?", "Have they threatened to kill you, or someone close to you?",
            "Is the abuse happening more often, or getting worse?", "Have you recently left them, or tried to leave?",
        })
        {
            await ChooseAsync(page, question, "No");
        }

        await ContinueAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page);
        await ContinueAsync(page); // what is happening: optional

        await ExpectQuestionPageAsync(page, "Contacting you by phone");
        await TypeAsync(page, page.GetByLabel("A phone number that is safe to call"), "07700 900982");
        await ChooseAsync(page, "Is it safe for us to leave a voicemail on this number?", "No");
        await ChooseAsync(page, "Is it safe for us to send you a text message?", "Yes");
        await ContinueAsync(page);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page);
        await ChooseAsync(page, "Is it safe for us to email you?", "No");
        await ContinueAsync(page);

        await ExpectQuestionPageAsync(page, "When and how to contact you");
        await ContinueAsync(page);

        await ExpectQuestionPageAsync(page, "Check your answers before sending your form");
        await Assertions.Expect(page.GetByText("Keyboard Resident")).ToBeVisibleAsync();
        var send = page.GetByRole(AriaRole.Button, new() { Name = "Send form" });
        await send.FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.Locator(".govuk-panel")).ToContainTextAsync(ReferencePattern());
        await Axe.AssertNoViolationsAsync(page);
        Assert.DoesNotContain("Keyboard", page.Url, StringComparison.Ordinal);
        Assert.All(await context.CookiesAsync(), cookie => Assert.True(cookie.Expires <= 0, $"cookie {cookie.Name} outlives the browser session"));
        Assert.Equal("{}", await page.EvaluateAsync<string>("() => JSON.stringify(Object.assign({}, window.localStorage))"));
    }

    [SkippableFact]
    public async Task Answering_in_danger_now_shows_999_guidance_and_offers_no_way_to_send()
    {
        await using var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/refer-yourself/domestic-abuse/danger");
        await ChooseAsync(page, "Are you in immediate danger?", "Yes");
        await ContinueAsync(page);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Call 999 now");
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("55");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Continue" })).ToHaveCountAsync(0);
        await Axe.AssertNoViolationsAsync(page);

        await page.GotoAsync("/refer-yourself/domestic-abuse/check");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).Not.ToHaveTextAsync("Check your answers before sending your form");
    }

    [GeneratedRegex("SB-[A-Z0-9]{4}-[A-Z0-9]{2}")]
    private static partial Regex ReferencePattern();
}
