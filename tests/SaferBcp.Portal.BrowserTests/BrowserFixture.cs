using System.Text.RegularExpressions;

namespace SaferBcp.Portal.BrowserTests;

/// <summary>
/// One portal on Kestrel (a real loopback port, over its own temporary SQLite data folder) and one headless Chromium,
/// shared by every test of a collection. Each test opens its own <see cref="IBrowserContext"/>: its own cookies,
/// storage and cache, like a new private window.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>How long one step (a click, a navigation, an expectation) may take before the test fails.</summary>
    public const int StepTimeoutMs = 30_000;

    private readonly Lazy<Task<string>> _adminStorageState;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public BrowserFixture() => _adminStorageState = new Lazy<Task<string>>(SignInAdminOnceAsync);

    public PortalFactory Portal { get; } = new();

    /// <summary>The portal's address, like http://127.0.0.1:41234 (no trailing slash).</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Why there is no browser; null when there is one.</summary>
    public string? Unavailable { get; private set; }

    public string BrowserDescription { get; private set; } = "";

    public async Task InitializeAsync()
    {
        try
        {
            _playwright = await Playwright.CreateAsync();
        }
        catch (Exception ex)
        {
            // The driver (node, copied to bin/…/.playwright by the package) is missing or cannot run.
            Unavailable = "Playwright's driver could not start: " + ex.Message;
            return;
        }

        (_browser, BrowserDescription) = await Chromium.LaunchAsync(_playwright);
        if (_browser is null)
        {
            Unavailable = BrowserDescription;
            return;
        }

        BaseUrl = Portal.StartRealServer();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Portal.DisposeAsync();
    }

    /// <summary>
    /// A fresh browser context (no cookies) on the portal. Without a browser the calling test is skipped with the
    /// reason, or fails with it when SAFERBCP_REQUIRE_BROWSER=1.
    /// </summary>
    public async Task<IBrowserContext> NewContextAsync(string? storageState = null)
    {
        if (Unavailable is not null)
        {
            if (Chromium.Required)
            {
                Assert.Fail($"{Chromium.RequireVariable}=1 and there is no browser. {Unavailable}");
            }

            Skip.If(true, Unavailable);
        }

        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            Locale = "en-GB",
            TimezoneId = "Europe/London",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            StorageState = storageState,
        });
        context.SetDefaultTimeout(StepTimeoutMs);
        context.SetDefaultNavigationTimeout(StepTimeoutMs);
        return context;
    }

    /// <summary>A context signed in as the portal's administrator (signs in through the form once per fixture).</summary>
    public async Task<IBrowserContext> NewAdminContextAsync() => await NewContextAsync(await _adminStorageState.Value);

    private async Task<string> SignInAdminOnceAsync()
    {
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, PortalFactory.AdminUser, PortalFactory.AdminPassword);
        return await context.StorageStateAsync();
    }

    /// <summary>
    /// Signs in through the real sign-in pages, as a person would: password, then the code the account's authenticator
    /// app (<see cref="StaffAuthenticator"/>) shows now; waits for the back office.
    /// </summary>
    public static async Task SignInAsync(IPage page, string userName, string password)
    {
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("User name or email address").FillAsync(userName);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/two-factor-sign-in"));
        await page.GetByLabel("Security code").FillAsync(StaffAuthenticator.CodeNow(StaffAuthenticator.KeyFor(userName)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("^https?://[^/]+/admin"));
    }
}

/// <summary>The public site's tests share one portal and one browser.</summary>
[CollectionDefinition(Name)]
public sealed class PublicSiteCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Public site in a browser";
}

/// <summary>
/// The back office's tests (they sign in and change content) get a portal and a browser of their own, so that what an
/// editor publishes never shows up in the public site's tests, and the two collections run side by side.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BackOfficeCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Back office in a browser";
}
