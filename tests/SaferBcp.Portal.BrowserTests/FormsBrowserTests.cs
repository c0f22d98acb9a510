using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Content;
using SaferBcp.Forms;
using SaferBcp.Forms.Models;
using SaferBcp.Forms.Services;

namespace SaferBcp.Portal.BrowserTests;

/// <summary>The portal on Kestrel with a test form kind, a recording handler and a published test form, and Chromium.</summary>
public sealed class FormsBrowserFixture : IAsyncLifetime
{
    public static readonly FormKind Kind = new("browser-test", "try-forms", "Browser test forms");
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private WebApplicationFactory<Program>? _factory;

    public PortalFactory Portal { get; } = new();

    public ConcurrentQueue<FormSubmission> Submissions { get; } = new();

    public string BaseUrl { get; private set; } = "";

    public string? Unavailable { get; private set; }

    public async Task InitializeAsync()
    {
        try
        {
            _playwright = await Playwright.CreateAsync();
        }
        catch (Exception ex)
        {
            Unavailable = "Playwright's driver could not start: " + ex.Message;
            return;
        }

        (_browser, var description) = await Chromium.LaunchAsync(_playwright);
        if (_browser is null)
        {
            Unavailable = description;
            return;
        }

        _factory = Portal.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            services.AddFormKind(Kind);
            services.AddSingleton<IFormSubmissionHandler>(new Handler(Submissions));
        }));
        _factory.UseKestrel(0);
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');

        await using var scope = _factory.Services.CreateAsyncScope();
        var content = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var item = content.New(FormTypes.Form);
        item.Apply(new TitlePart { Title = "Ask for support" });
        item.Apply(Form());
        var saved = await content.SaveDraftAsync(item, "test");
        await content.PublishAsync(saved.ContentItemId, "test");

        var views = content.New(FormTypes.Form);
        views.Apply(new TitlePart { Title = "Your views" });
        views.Apply(ViewsForm());
        await content.PublishAsync((await content.SaveDraftAsync(views, "test")).ContentItemId, "test");
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        await Portal.DisposeAsync();
    }

    public async Task<IBrowserContext> NewContextAsync()
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
        });
        context.SetDefaultTimeout(BrowserFixture.StepTimeoutMs);
        context.SetDefaultNavigationTimeout(BrowserFixture.StepTimeoutMs);
        return context;
    }

    private static FormPart Form() => new()
    {
        Slug = "support",
        Kind = Kind.Name,
        IntroMarkdown = "Tell us what support you need. It takes about 5 minutes.",
        WhatHappensNextMarkdown = "We will contact you in the way you choose.",
        Pages =
        [
            new FormPage { Id = "danger", Questions = [new FormQuestion { Id = "in-danger", Type = QuestionType.YesNo, Label = "Are you in danger now?" }] },
            new FormPage
            {
                Id = "call-999", Title = "Call 999 now", EndsJourney = true,
                InterruptionMarkdown = "Call 999. If you cannot speak, call 999 from a mobile and press 55 when asked.",
                ShowWhen = [new FormCondition { QuestionId = "in-danger", Operator = ConditionOperator.AnyOf, Values = ["yes"] }],
            },
            new FormPage
            {
                Id = "area", Questions =
                [
                    new FormQuestion
                    {
                        Id = "area", Type = QuestionType.SingleChoice, Label = "Where do you live?",
                        Options = [new FormOption { Value = "bournemouth", Label = "Bournemouth" }, new FormOption { Value = "christchurch", Label = "Christchurch" }, new FormOption { Value = "poole", Label = "Poole" }],
                    },
                ],
            },
            new FormPage
            {
                Id = "contact", Title = "How to contact you safely",
                Questions =
                [
                    new FormQuestion { Id = "phone", Type = QuestionType.UkPhone, Label = "Safe phone number", ShortName = "a safe phone number", Personal = true },
                    new FormQuestion { Id = "postcode", Type = QuestionType.UkPostcode, Label = "Postcode", Required = false },
                    new FormQuestion { Id = "dob", Type = QuestionType.Date, Label = "Date of birth", Hint = "For example, 27 3 1990", Required = false, DateRule = DateRule.NotInFuture },
                ],
            },
            new FormPage { Id = "more", Questions = [new FormQuestion { Id = "story", Type = QuestionType.LongText, Label = "Tell us what is happening", Required = false, MaxLength = 2000 }] },
        ],
    };

    /// <summary>A scale, a ranking and a rating on one page.</summary>
    private static FormPart ViewsForm() => new()
    {
        Slug = "views",
        Kind = Kind.Name,
        Pages =
        [
            new FormPage
            {
                Id = "views", Title = "Your views",
                Questions =
                [
                    new FormQuestion
                    {
                        Id = "worry", Type = QuestionType.Scale, Label = "How worried are you walking home at night?",
                        Options = [new() { Value = "very-worried", Label = "Very worried" }, new() { Value = "fairly-worried", Label = "Fairly worried" }, new() { Value = "not-very-worried", Label = "Not very worried" }, new() { Value = "not-at-all-worried", Label = "Not at all worried" }],
                    },
                    new FormQuestion
                    {
                        Id = "services", Type = QuestionType.Rank, Label = "Who would you contact first?", Hint = "Give each one a position, 1st for the one you would contact first",
                        Options = [new() { Value = "police", Label = "Police" }, new() { Value = "council", Label = "Council" }, new() { Value = "health", Label = "Health services" }],
                    },
                    new FormQuestion
                    {
                        Id = "lighting", Type = QuestionType.Rate, Label = "Rate the street lighting", Hint = "1 is very poor, 5 is very good", Required = false,
                        Options = [new() { Value = "park", Label = "Parks" }, new() { Value = "street", Label = "Streets" }],
                    },
                ],
            },
        ],
    };

    private sealed class Handler(ConcurrentQueue<FormSubmission> submissions) : IFormSubmissionHandler
    {
        public string Kind => FormsBrowserFixture.Kind.Name;

        public Task<FormSubmissionResult> SubmitAsync(FormSubmission submission, CancellationToken cancellationToken)
        {
            submissions.Enqueue(submission);
            return Task.FromResult(new FormSubmissionResult($"BT{submissions.Count:D4}"));
        }
    }
}

public sealed class FormsBrowserTests : IClassFixture<FormsBrowserFixture>
{
    private const string Base = "/try-forms/support";
    private readonly FormsBrowserFixture _forms;

    public FormsBrowserTests(FormsBrowserFixture forms) => _forms = forms;

    /// <summary>Tabs until the focused element matches, as a keyboard user would (fails after 40 presses).</summary>
    private static async Task TabToAsync(IPage page, ILocator target)
    {
        for (var i = 0; i < 40; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement"))
            {
                return;
            }
        }

        Assert.Fail("Could not reach the element with the Tab key");
    }

    [SkippableFact]
    public async Task A_resident_completes_the_form_with_the_keyboard_only_and_sees_her_reference()
    {
        await using var context = await _forms.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(Base);
        Assert.Empty(await context.CookiesAsync());
        await Axe.AssertNoViolationsAsync(page);

        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Start now" }));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/danger$"));
        await Axe.AssertNoViolationsAsync(page);

        // Continue without an answer: the error state.
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Continue" }));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveTitleAsync(new Regex("^Error: Are you in danger now\\?"));
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Select yes or no");
        await Axe.AssertNoViolationsAsync(page);

        // A set of radios is one tab stop; the arrow keys choose within it.
        await TabToAsync(page, page.GetByRole(AriaRole.Radio, new() { Name = "Yes", Exact = true }));
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "No", Exact = true })).ToBeCheckedAsync();
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Continue" }));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/area$"));

        await TabToAsync(page, page.GetByRole(AriaRole.Radio, new() { Name = "Bournemouth", Exact = true }));
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Christchurch", Exact = true })).ToBeCheckedAsync();
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Continue" }));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/contact$"));

        await TabToAsync(page, page.GetByLabel("Safe phone number", new() { Exact = true }));
        await page.Keyboard.TypeAsync("call me");
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Continue" }));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Enter a UK phone number");
        await Axe.AssertNoViolationsAsync(page);

        await TabToAsync(page, page.GetByLabel("Safe phone number", new() { Exact = true }));
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("01202 123456");
        await TabToAsync(page, page.GetByLabel("Postcode", new() { Exact = true }));
        await page.Keyboard.TypeAsync("bh1 1aa");
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Continue" }));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/more$"));
        await Axe.AssertNoViolationsAsync(page);

        await TabToAsync(page, page.GetByLabel("Tell us what is happening", new() { Exact = true }));
        await page.Keyboard.TypeAsync("I need someone to talk to.");
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Continue" }));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/check$"));
        await Assertions.Expect(page.Locator(".govuk-summary-list")).ToContainTextAsync("BH1 1AA");
        await Assertions.Expect(page.Locator(".govuk-summary-list")).ToContainTextAsync("Christchurch");
        await Axe.AssertNoViolationsAsync(page);

        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Send form" }));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/confirmation$"));
        await Assertions.Expect(page.Locator(".govuk-panel")).ToContainTextAsync("Your reference number");
        await Axe.AssertNoViolationsAsync(page);

        Assert.Contains(_forms.Submissions, s => s.Answers.First("phone") == "01202 123456" && s.Answers.First("area") == "christchurch");
        var cookies = await context.CookiesAsync();
        Assert.All(cookies, c => Assert.Equal(-1, c.Expires));
    }

    [SkippableFact]
    public async Task A_resident_answers_a_scale_a_ranking_and_a_rating_with_the_keyboard_only()
    {
        await using var context = await _forms.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/try-forms/views/views");
        await Axe.AssertNoViolationsAsync(page);

        // Continue without answers: the error summary's link to the ranking lands on its first select.
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Continue" }));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Put every option in order");
        await Axe.AssertNoViolationsAsync(page);
        await TabToAsync(page, page.Locator(".govuk-error-summary a[href='#services-1']"));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByLabel("Police", new() { Exact = true })).ToBeFocusedAsync();

        await TabToAsync(page, page.GetByRole(AriaRole.Radio, new() { Name = "Very worried", Exact = true }));
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Fairly worried", Exact = true })).ToBeCheckedAsync();

        // Typing in a focused select picks the option that starts with it: 2 for 2nd.
        foreach (var (label, position) in new[] { ("Police", "2"), ("Council", "3"), ("Health services", "1") })
        {
            var select = page.GetByLabel(label, new() { Exact = true });
            await TabToAsync(page, select);
            await page.Keyboard.TypeAsync(position);
            await Assertions.Expect(select).ToHaveValueAsync(position);
        }

        // Parks: Space ticks 1, then the arrow keys move to 4.
        await TabToAsync(page, page.Locator("#lighting-1"));
        await page.Keyboard.PressAsync("Space");
        for (var i = 0; i < 3; i++)
        {
            await page.Keyboard.PressAsync("ArrowRight");
        }

        await Assertions.Expect(page.Locator("#lighting-1-4")).ToBeCheckedAsync();
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Continue" }));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/views/check$"));
        var answers = page.Locator(".govuk-summary-list");
        await Assertions.Expect(answers).ToContainTextAsync("Fairly worried");
        await Assertions.Expect(answers).ToContainTextAsync("1. Health services");
        await Assertions.Expect(answers).ToContainTextAsync("Parks: 4 out of 5");
        await Axe.AssertNoViolationsAsync(page);

        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Send form" }));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/views/confirmation$"));
        var submission = Assert.Single(_forms.Submissions, s => s.Answers.First("worry") is not null);
        Assert.Equal(["health", "police", "council"], submission.Answers.All("services"));
        Assert.Equal(["park=4"], submission.Answers.All("lighting"));
    }

    [SkippableFact]
    public async Task Saying_she_is_in_danger_shows_999_and_offers_no_way_to_send()
    {
        await using var context = await _forms.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(Base + "/danger");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Yes", Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/call-999$"));
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("press 55");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Continue" })).ToHaveCountAsync(0);
        await Axe.AssertNoViolationsAsync(page);

        await page.GotoAsync(Base + "/check");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/call-999$"));
    }

    [SkippableFact]
    public async Task A_page_condition_offers_the_earlier_questions_answers_to_tick_with_no_axe_violations()
    {
        await using var context = await _forms.NewContextAsync();
        var page = await context.NewPageAsync();
        ILocator Field(string name) => page.Locator($"[id='{name.Replace('.', '-')}']");
        await BrowserFixture.SignInAsync(page, PortalFactory.AdminUser, PortalFactory.AdminPassword);
        await page.GotoAsync("/admin/content/new/Form");
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("Condition check");
        await page.GetByLabel("What the form is for").SelectOptionAsync(FormsBrowserFixture.Kind.Name);
        await page.GetByLabel("Short web address of the form").FillAsync("condition-check");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a page" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin/content/[^/]+/edit$"));

        await Field("FormPart.Pages[0].Questions[0].Label").FillAsync("Where do you live?");
        await Field("FormPart.Pages[0].Questions[0].Type").SelectOptionAsync("SingleChoice");
        await Field("FormPart.Pages[0].Questions[0].Options").FillAsync("bournemouth|Bournemouth\npoole|Poole");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a page" }).ClickAsync();
        await Field("FormPart.Pages[1].Questions[0].Label").FillAsync("Which street?");
        await Field("FormPart.Pages[1].ShowWhen[0].QuestionId").SelectOptionAsync(new SelectOptionValue { Label = "Where do you live?" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).Last.ClickAsync();

        var poole = page.GetByRole(AriaRole.Group, new() { Name = "Answers" }).GetByRole(AriaRole.Checkbox, new() { Name = "Poole" });
        await Assertions.Expect(poole).ToBeVisibleAsync();
        await poole.CheckAsync();
        await Axe.AssertNoViolationsAsync(page);
    }

    [SkippableFact]
    public async Task The_form_editor_has_no_axe_violations_with_a_page_and_a_question()
    {
        await using var context = await _forms.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, PortalFactory.AdminUser, PortalFactory.AdminPassword);
        await page.GotoAsync("/admin/content/new/Form");
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("Editor check");
        await page.GetByLabel("What the form is for").SelectOptionAsync(FormsBrowserFixture.Kind.Name);
        await page.GetByLabel("Short web address of the form").FillAsync("editor-check");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a page" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin/content/[^/]+/edit$"));
        await Assertions.Expect(page.GetByLabel("Page id").First).ToHaveValueAsync("page-1");
        await Axe.AssertNoViolationsAsync(page);
    }
}
