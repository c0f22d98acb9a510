using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Security;
using SaferBcp.Forms;
using SaferBcp.Forms.Models;
using SaferBcp.Forms.Services;

namespace SaferBcp.Portal.Tests;

/// <summary>Records what the forms engine submits; can be told to fail.</summary>
public sealed class RecordingSubmissionHandler : IFormSubmissionHandler
{
    private int _count;

    public string Kind => FormsPortal.Kind.Name;

    public ConcurrentQueue<FormSubmission> Submissions { get; } = new();

    private volatile bool _fail;

    public bool Fail
    {
        get => _fail;
        set => _fail = value;
    }

    public async Task<FormSubmissionResult> SubmitAsync(FormSubmission submission, CancellationToken cancellationToken)
    {
        // Slow enough that a second, concurrent post arrives while the first is still inside its transaction.
        await Task.Delay(100, cancellationToken);
        if (Fail)
        {
            throw new InvalidOperationException("The test handler was told to fail");
        }

        Submissions.Enqueue(submission);
        return new FormSubmissionResult($"TEST-{Interlocked.Increment(ref _count):D4}", "We will call you within 2 working days.");
    }
}

/// <summary>The portal with a test form kind, a recording handler and a published test form.</summary>
public sealed class FormsPortal : IAsyncLifetime
{
    public static readonly FormKind Kind = new("test", "test-forms", "Test forms");
    public const string Base = "/test-forms/sample";

    public FormsPortal()
    {
        Factory = Portal.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            services.AddFormKind(Kind);
            services.AddSingleton<IFormSubmissionHandler>(Handler);
        }));
    }

    public PortalFactory Portal { get; } = new PortalFactory().With("Forms:RateLimitPermits", "1000");

    public WebApplicationFactory<Program> Factory { get; }

    public RecordingSubmissionHandler Handler { get; } = new();

    public HttpClient Browser() =>
        Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("http://localhost") });

    public static FormPart SampleForm() => new()
    {
        Slug = "sample",
        Kind = Kind.Name,
        IntroMarkdown = "Use this form to ask for **support**.",
        WhatHappensNextMarkdown = "We will be in touch.",
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
                Id = "about-you", Title = "About you",
                Questions =
                [
                    new FormQuestion { Id = "name", Type = QuestionType.Text, Label = "Your name", ShortName = "your name", Personal = true, Tag = "name" },
                    new FormQuestion { Id = "children", Type = QuestionType.YesNo, Label = "Do children live with you?" },
                ],
            },
            new FormPage
            {
                Id = "children-page", Title = "Children",
                ShowWhen = [new FormCondition { QuestionId = "children", Operator = ConditionOperator.AnyOf, Values = ["yes"] }],
                Questions = [new FormQuestion { Id = "children-count", Type = QuestionType.Number, Label = "How many children live with you?", Min = 1, Max = 20 }],
            },
            new FormPage
            {
                Id = "contact", Title = "Contact",
                Questions =
                [
                    new FormQuestion { Id = "phone", Type = QuestionType.UkPhone, Label = "Safe phone number", Personal = true },
                    new FormQuestion { Id = "postcode", Type = QuestionType.UkPostcode, Label = "Postcode", Required = false },
                    new FormQuestion { Id = "dob", Type = QuestionType.Date, Label = "Date of birth", DateRule = DateRule.NotInFuture, Required = false },
                ],
            },
            new FormPage { Id = "more", Questions = [new FormQuestion { Id = "story", Type = QuestionType.LongText, Label = "Tell us what is happening", Required = false, Personal = true }] },
        ],
    };

    public const string ViewsBase = "/test-forms/views";

    /// <summary>A survey-like form with a scale, a ranking and a rating on one page, and a page shown only to the very worried.</summary>
    public static FormPart ViewsForm() => new()
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
                        Id = "services", Type = QuestionType.Rank, Label = "Who would you contact first?",
                        Options = [new() { Value = "police", Label = "Police" }, new() { Value = "council", Label = "Council" }, new() { Value = "health", Label = "Health services" }],
                    },
                    new FormQuestion
                    {
                        Id = "lighting", Type = QuestionType.Rate, Label = "Rate the street lighting", Hint = "1 is very poor, 5 is very good",
                        Options = [new() { Value = "park", Label = "Parks" }, new() { Value = "street", Label = "Streets" }],
                    },
                ],
            },
            new FormPage
            {
                Id = "worried", ShowWhen = [new FormCondition { QuestionId = "worry", Operator = ConditionOperator.AnyOf, Values = ["very-worried"] }],
                Questions = [new FormQuestion { Id = "why", Type = QuestionType.LongText, Label = "What worries you most?", Required = false }],
            },
        ],
    };

    /// <summary>Creates a staff account in this portal (the base factory's helper would start a second host).</summary>
    public async Task CreateStaffAsync(string userName, params string[] roles)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        if (await users.FindByNameAsync(userName) is null)
        {
            var user = new PortalUser { UserName = userName, Email = userName + "@example.org", EmailConfirmed = true, CreatedUtc = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(user, PortalFactory.StaffPassword)).Succeeded);
            await users.AddToRolesAsync(user, roles);
        }

        await PortalFactory.EnrolInTwoFactorAsync(Factory.Services, userName);
    }

    public async Task InitializeAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var content = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var item = content.New(FormTypes.Form);
        item.Apply(new TitlePart { Title = "Sample support form" });
        item.Apply(SampleForm());
        var saved = await content.SaveDraftAsync(item, "test");
        await content.PublishAsync(saved.ContentItemId, "test");

        var views = content.New(FormTypes.Form);
        views.Apply(new TitlePart { Title = "Your views" });
        views.Apply(ViewsForm());
        await content.PublishAsync((await content.SaveDraftAsync(views, "test")).ContentItemId, "test");
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Portal.DisposeAsync();
    }
}

public sealed class FormsTests : IClassFixture<FormsPortal>
{
    private readonly FormsPortal _forms;

    public FormsTests(FormsPortal forms) => _forms = forms;

    private const string Base = FormsPortal.Base;

    /// <summary>GETs the page (for its antiforgery token) and posts the fields back to it.</summary>
    private static async Task<HttpResponseMessage> AnswerAsync(HttpClient client, string page, params (string Name, string Value)[] fields)
    {
        var html = await client.GetStringAsync(page);
        var values = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).ToList();
        values.Add(new("__RequestVerificationToken", PortalFactory.AntiforgeryToken(html)));
        return await client.PostAsync(page, new FormUrlEncodedContent(values));
    }

    private static async Task<string> ExpectRedirectAsync(Task<HttpResponseMessage> post)
    {
        using var response = await post;
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.ToString();
    }

    /// <summary>Answers every page up to the check page, the way a resident without children would.</summary>
    private static async Task FillInAsync(HttpClient client, string name = "Alex Example", string phone = "07700 900123")
    {
        Assert.Equal(Base + "/about-you", await ExpectRedirectAsync(AnswerAsync(client, Base + "/danger", ("in-danger", "no"))));
        Assert.Equal(Base + "/contact", await ExpectRedirectAsync(AnswerAsync(client, Base + "/about-you", ("name", name), ("children", "no"))));
        Assert.Equal(Base + "/more", await ExpectRedirectAsync(AnswerAsync(client, Base + "/contact", ("phone", phone), ("postcode", "bh1 1aa"), ("dob-day", ""), ("dob-month", ""), ("dob-year", ""))));
        Assert.Equal(Base + "/check", await ExpectRedirectAsync(AnswerAsync(client, Base + "/more", ("story", ""))));
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, params (string Name, string Value)[] extra)
    {
        var html = await client.GetStringAsync(Base + "/check");
        var values = extra.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).ToList();
        values.Add(new("__RequestVerificationToken", PortalFactory.AntiforgeryToken(html)));
        return await client.PostAsync(Base + "/check", new FormUrlEncodedContent(values));
    }

    private int SubmissionsFor(string name) => _forms.Handler.Submissions.Count(s => s.Answers.First("name") == name);

    [Fact]
    public async Task A_resident_goes_through_the_form_and_one_submission_holds_only_the_answers_on_her_route()
    {
        using var client = _forms.Browser();
        var start = await client.GetStringAsync(Base);
        Assert.Contains("Sample support form", start, StringComparison.Ordinal);
        Assert.Contains("<strong>support</strong>", start, StringComparison.Ordinal);
        Assert.Contains($"href=\"{Base}/danger\"", start, StringComparison.Ordinal);

        Assert.Equal(Base + "/about-you", await ExpectRedirectAsync(AnswerAsync(client, Base + "/danger", ("in-danger", "no"))));
        Assert.Equal(Base + "/children-page", await ExpectRedirectAsync(AnswerAsync(client, Base + "/about-you", ("name", "Robin Journey"), ("children", "yes"))));
        var children = await client.GetStringAsync(Base + "/children-page");
        Assert.Contains($"href=\"{Base}/about-you\" class=\"govuk-back-link\"", children, StringComparison.Ordinal);
        Assert.Equal(Base + "/contact", await ExpectRedirectAsync(AnswerAsync(client, Base + "/children-page", ("children-count", "2"))));
        Assert.Equal(Base + "/more", await ExpectRedirectAsync(AnswerAsync(client, Base + "/contact", ("phone", "+44 7700 900123"), ("postcode", "bh1 1aa"), ("dob-day", "5"), ("dob-month", "3"), ("dob-year", "1990"))));
        Assert.Equal(Base + "/check", await ExpectRedirectAsync(AnswerAsync(client, Base + "/more", ("story", "Line one\r\nLine two"))));

        var check = await client.GetStringAsync(Base + "/check");
        Assert.Contains("How many children live with you?", check, StringComparison.Ordinal);
        Assert.Contains("BH1 1AA", check, StringComparison.Ordinal);
        Assert.Contains("5 March 1990", check, StringComparison.Ordinal);
        Assert.Contains($"href=\"{Base}/about-you?change=true\"", check, StringComparison.Ordinal);

        // She changes her answer: no children. The children page leaves the route and Continue returns to the check page.
        var changePage = await client.GetStringAsync(Base + "/about-you?change=true");
        Assert.Contains($"href=\"{Base}/check\" class=\"govuk-back-link\"", changePage, StringComparison.Ordinal);
        Assert.Equal(Base + "/check", await ExpectRedirectAsync(AnswerAsync(client, Base + "/about-you?change=true", ("name", "Robin Journey"), ("children", "no"))));
        check = await client.GetStringAsync(Base + "/check");
        Assert.DoesNotContain("How many children live with you?", check, StringComparison.Ordinal);

        Assert.Equal(Base + "/confirmation", await ExpectRedirectAsync(SendAsync(client)));
        var confirmation = await client.GetStringAsync(Base + "/confirmation");
        Assert.Contains("govuk-panel--confirmation", confirmation, StringComparison.Ordinal);
        Assert.Matches("TEST-\\d{4}", confirmation);
        Assert.Contains("We will call you within 2 working days.", confirmation, StringComparison.Ordinal);

        var submission = Assert.Single(_forms.Handler.Submissions, s => s.Answers.First("name") == "Robin Journey");
        Assert.Equal("Sample support form", submission.Title);
        Assert.Equal("no", submission.Answers.First("children"));
        Assert.Null(submission.Answers.First("children-count"));
        Assert.Equal("BH1 1AA", submission.Answers.First("postcode"));
        Assert.Equal("1990-03-05", submission.Answers.First("dob"));
        Assert.Equal("Line one\nLine two", submission.Answers.First("story"));
    }

    [Fact]
    public async Task Scale_rank_and_rate_answers_are_checked_shown_for_checking_filled_in_again_on_change_and_submitted_as_stored()
    {
        const string views = FormsPortal.ViewsBase;
        using var client = _forms.Browser();
        var page = await client.GetStringAsync(views + "/views");
        Assert.Contains("id=\"worry-4\" name=\"worry\" type=\"radio\" value=\"not-at-all-worried\"", page, StringComparison.Ordinal);
        Assert.Contains("<label class=\"govuk-label\" for=\"services-3\">Health services</label>", page, StringComparison.Ordinal);
        Assert.Contains("<option value=\"\">Choose a position</option>", page, StringComparison.Ordinal);
        Assert.Contains("<option value=\"3\">3rd</option>", page, StringComparison.Ordinal);
        Assert.Contains("id=\"lighting-2-5\" name=\"lighting-2\" type=\"radio\" value=\"5\"", page, StringComparison.Ordinal);
        Assert.Contains("1 is very poor, 5 is very good", page, StringComparison.Ordinal);

        // Two options share 1st, one option is not rated and no point on the scale is chosen.
        using (var wrong = await AnswerAsync(client, views + "/views", ("services-1", "1"), ("services-2", "1"), ("services-3", "2"), ("lighting-1", "4")))
        {
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            var html = await wrong.Content.ReadAsStringAsync();
            Assert.Contains("<a href=\"#worry\">Select an answer</a>", html, StringComparison.Ordinal);
            Assert.Contains("<a href=\"#services-2\">Give each option a different position</a>", html, StringComparison.Ordinal);
            Assert.Contains("<a href=\"#lighting-2\">Rate every option</a>", html, StringComparison.Ordinal);
            Assert.Contains("id=\"lighting-1-4\" name=\"lighting-1\" type=\"radio\" value=\"4\" checked=\"checked\"", html, StringComparison.Ordinal);
        }

        Assert.Equal(views + "/worried", await ExpectRedirectAsync(AnswerAsync(client, views + "/views",
            ("worry", "very-worried"), ("services-1", "2"), ("services-2", "3"), ("services-3", "1"), ("lighting-1", "4"), ("lighting-2", "2"))));
        Assert.Equal(views + "/check", await ExpectRedirectAsync(AnswerAsync(client, views + "/worried", ("why", ""))));

        var check = await client.GetStringAsync(views + "/check");
        Assert.Contains("Very worried", check, StringComparison.Ordinal);
        Assert.Matches(@"1\. Health services\s*<br>\s*2\. Police\s*<br>\s*3\. Council", check);
        Assert.Matches(@"Parks: 4 out of 5\s*<br>\s*Streets: 2 out of 5", check);

        var change = await client.GetStringAsync(views + "/views?change=true");
        Assert.Contains("value=\"very-worried\" checked=\"checked\"", change, StringComparison.Ordinal);
        Assert.Matches("id=\"services-3\" name=\"services-3\"[^>]*>\\s*<option value=\"\">Choose a position</option>\\s*<option value=\"1\" selected=\"selected\">1st</option>", change);
        Assert.Contains("id=\"lighting-2-2\" name=\"lighting-2\" type=\"radio\" value=\"2\" checked=\"checked\"", change, StringComparison.Ordinal);

        // She is not very worried after all: the follow-up page leaves her route.
        Assert.Equal(views + "/check", await ExpectRedirectAsync(AnswerAsync(client, views + "/views?change=true",
            ("worry", "not-very-worried"), ("services-1", "2"), ("services-2", "3"), ("services-3", "1"), ("lighting-1", "4"), ("lighting-2", "2"))));

        var html2 = await client.GetStringAsync(views + "/check");
        var values = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", PortalFactory.AntiforgeryToken(html2)) };
        Assert.Equal(views + "/confirmation", await ExpectRedirectAsync(client.PostAsync(views + "/check", new FormUrlEncodedContent(values))));

        var submission = Assert.Single(_forms.Handler.Submissions, s => s.Answers.First("worry") is not null);
        Assert.Equal(["not-very-worried"], submission.Answers.All("worry"));
        Assert.Equal(["health", "police", "council"], submission.Answers.All("services"));
        Assert.Equal(["park=4", "street=2"], submission.Answers.All("lighting"));
        Assert.Empty(submission.Answers.All("why"));
    }

    [Fact]
    public async Task A_missing_answer_shows_the_error_summary_linked_to_the_field_and_Error_in_the_title()
    {
        using var client = _forms.Browser();
        using var response = await AnswerAsync(client, Base + "/danger");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<title>Error: Are you in danger now?", html, StringComparison.Ordinal);
        Assert.Contains("govuk-error-summary", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#in-danger\">Select yes or no</a>", html, StringComparison.Ordinal);
        Assert.Contains("id=\"in-danger\" name=\"in-danger\" type=\"radio\"", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"govuk-visually-hidden\">Error:</span> Select yes or no", html, StringComparison.Ordinal);

        await ExpectRedirectAsync(AnswerAsync(client, Base + "/danger", ("in-danger", "no")));
        using var bad = await AnswerAsync(client, Base + "/about-you", ("name", ""), ("children", "no"));
        var page = await bad.Content.ReadAsStringAsync();
        Assert.Contains("<a href=\"#name\">Enter your name</a>", page, StringComparison.Ordinal);

        await ExpectRedirectAsync(AnswerAsync(client, Base + "/about-you", ("name", "Val"), ("children", "no")));
        using var date = await AnswerAsync(client, Base + "/contact", ("phone", "07700 9OO123"), ("postcode", "BH1"), ("dob-day", "31"), ("dob-month", "2"), ("dob-year", "1990"));
        var contact = await date.Content.ReadAsStringAsync();
        Assert.Contains("<a href=\"#phone\">Enter a UK phone number", contact, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#postcode\">Enter a full UK postcode, like BH1 1AA</a>", contact, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#dob-day\">The date must be a real date</a>", contact, StringComparison.Ordinal);
        Assert.Contains("value=\"07700 9OO123\"", contact, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_form_page_is_no_store_and_the_start_page_sets_no_cookie()
    {
        using var client = _forms.Browser();
        using (var start = await client.GetAsync(Base))
        {
            Assert.Equal(HttpStatusCode.OK, start.StatusCode);
            Assert.False(start.Headers.Contains("Set-Cookie"));
            Assert.Contains("no-store", start.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
            Assert.Contains("noindex", await start.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await FillInAsync(client, "Nia Nostore");
        foreach (var url in new[] { Base + "/danger", Base + "/about-you", Base + "/contact", Base + "/check" })
        {
            using var page = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("no-store", page.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        }

        using var send = await SendAsync(client);
        Assert.Contains("no-store", send.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        using var confirmation = await client.GetAsync(Base + "/confirmation");
        Assert.Equal(HttpStatusCode.OK, confirmation.StatusCode);
        Assert.Contains("no-store", confirmation.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_session_cookie_is_a_session_cookie_for_this_form_only()
    {
        using var client = _forms.Browser();
        using var response = await AnswerAsync(client, Base + "/danger", ("in-danger", "no"));
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("saferbcp-form-session=", StringComparison.Ordinal));
        Assert.Contains("path=/test-forms/sample", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("max-age", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task After_30_minutes_without_activity_the_answers_are_gone_and_the_cleanup_deletes_them()
    {
        using var client = _forms.Browser();
        await ExpectRedirectAsync(AnswerAsync(client, Base + "/danger", ("in-danger", "no")));
        await ExpectRedirectAsync(AnswerAsync(client, Base + "/about-you", ("name", "Tess Timeout"), ("children", "no")));

        await using (var scope = _forms.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<FormsDbContext>();
            var longAgo = _forms.Portal.Clock.GetUtcNow().UtcDateTime.AddMinutes(-31);
            await db.Sessions.Where(s => s.SubmittedReference == null).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastActivityUtc, longAgo));
        }

        using var contact = await client.GetAsync(Base + "/contact");
        var html = await contact.Content.ReadAsStringAsync();
        Assert.Contains("Your answers were deleted because you did not do anything for 30 minutes", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"{Base}\">Start again", html, StringComparison.Ordinal);
        using var check = await client.GetAsync(Base + "/check");
        Assert.Contains("Your answers were deleted", await check.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using (var scope = _forms.Factory.Services.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<FormSessionStore>();
            Assert.True(await store.DeleteExpiredAsync() >= 1);
            var db = scope.ServiceProvider.GetRequiredService<FormsDbContext>();
            Assert.False(await db.Sessions.AnyAsync(s => s.LastActivityUtc < store.ExpiredBefore));
        }
    }

    [Fact]
    public async Task Sending_twice_even_at_the_same_time_makes_one_submission_and_shows_the_same_confirmation()
    {
        using var client = _forms.Browser();
        await FillInAsync(client, "Dana Double");
        var html = await client.GetStringAsync(Base + "/check");
        var token = PortalFactory.AntiforgeryToken(html);
        HttpContent Body() => new FormUrlEncodedContent([new("__RequestVerificationToken", token)]);

        var posts = await Task.WhenAll(client.PostAsync(Base + "/check", Body()), client.PostAsync(Base + "/check", Body()));
        Assert.All(posts, p => Assert.Equal(Base + "/confirmation", p.Headers.Location!.ToString()));
        using var again = await client.PostAsync(Base + "/check", Body());
        Assert.Equal(Base + "/confirmation", again.Headers.Location!.ToString());

        Assert.Equal(1, SubmissionsFor("Dana Double"));
        var reference = _forms.Handler.Submissions.Count;
        Assert.True(reference > 0);
        var first = await client.GetStringAsync(Base + "/confirmation");
        var second = await client.GetStringAsync(Base + "/confirmation");
        Assert.Equal(System.Text.RegularExpressions.Regex.Match(first, "TEST-\\d{4}").Value, System.Text.RegularExpressions.Regex.Match(second, "TEST-\\d{4}").Value);
        foreach (var post in posts)
        {
            post.Dispose();
        }
    }

    [Fact]
    public async Task A_field_that_is_not_a_question_on_the_page_is_refused()
    {
        using var client = _forms.Browser();
        using var response = await AnswerAsync(client, Base + "/danger", ("in-danger", "no"), ("is-admin", "yes"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var other = await AnswerAsync(client, Base + "/danger", ("in-danger", "no"), ("name", "Sneaky"));
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
    }

    [Fact]
    public async Task A_filled_hidden_field_never_drops_her_answers_they_are_submitted_and_flagged_for_review()
    {
        using var client = _forms.Browser();
        var page = await client.GetStringAsync(Base + "/danger");
        Assert.Contains($"name=\"{FormFields.Honeypot}\" tabindex=\"-1\" autocomplete=\"off\"", page, StringComparison.Ordinal);
        Assert.Contains("Leave this empty", page, StringComparison.Ordinal);

        // Autofill fills the hidden field on the check page: the form is still sent, with a real reference.
        await FillInAsync(client, "Hana Hidden");
        using (var response = await SendAsync(client, (FormFields.Honeypot, "http://spam.example")))
        {
            Assert.Equal(Base + "/confirmation", response.Headers.Location!.ToString());
        }

        Assert.Matches("TEST-\\d{4}", await client.GetStringAsync(Base + "/confirmation"));
        Assert.True(Assert.Single(_forms.Handler.Submissions, s => s.Answers.First("name") == "Hana Hidden").PossiblyAutomated);

        // Filled on a question page: the answer on that page is kept, and the submission at the end is flagged.
        using var other = _forms.Browser();
        Assert.Equal(Base + "/about-you", await ExpectRedirectAsync(AnswerAsync(other, Base + "/danger", ("in-danger", "no"), (FormFields.Honeypot, "x"))));
        Assert.Equal(Base + "/contact", await ExpectRedirectAsync(AnswerAsync(other, Base + "/about-you", ("name", "Ira Interrupted"), ("children", "no"))));
        Assert.Equal(Base + "/more", await ExpectRedirectAsync(AnswerAsync(other, Base + "/contact", ("phone", "01202 123456"), ("postcode", "bh1 1aa"), ("dob-day", ""), ("dob-month", ""), ("dob-year", ""))));
        Assert.Equal(Base + "/check", await ExpectRedirectAsync(AnswerAsync(other, Base + "/more", ("story", ""))));
        using (var sent = await SendAsync(other))
        {
            Assert.Equal(Base + "/confirmation", sent.Headers.Location!.ToString());
        }

        var flagged = Assert.Single(_forms.Handler.Submissions, s => s.Answers.First("name") == "Ira Interrupted");
        Assert.True(flagged.PossiblyAutomated);
        Assert.Equal("no", flagged.Answers.First("in-danger"));

        // An ordinary submission is not flagged.
        using var person = _forms.Browser();
        await FillInAsync(person, "Nia Normal");
        (await SendAsync(person)).Dispose();
        Assert.False(Assert.Single(_forms.Handler.Submissions, s => s.Answers.First("name") == "Nia Normal").PossiblyAutomated);
    }

    [Fact]
    public async Task Saying_she_is_in_danger_shows_999_and_nothing_can_be_sent()
    {
        using var client = _forms.Browser();
        Assert.Equal(Base + "/call-999", await ExpectRedirectAsync(AnswerAsync(client, Base + "/danger", ("in-danger", "yes"))));
        var page = await client.GetStringAsync(Base + "/call-999");
        Assert.Contains("Call 999 now", page, StringComparison.Ordinal);
        Assert.Contains("press 55", page, StringComparison.Ordinal);
        Assert.DoesNotContain(">Continue<", page, StringComparison.Ordinal);

        using var check = await client.GetAsync(Base + "/check");
        Assert.Equal(Base + "/call-999", check.Headers.Location!.ToString());
        using var later = await client.GetAsync(Base + "/about-you");
        Assert.Equal(Base + "/call-999", later.Headers.Location!.ToString());

        var count = _forms.Handler.Submissions.Count;
        var html = await client.GetStringAsync(Base + "/call-999");
        using var send = await client.PostAsync(Base + "/check", new FormUrlEncodedContent([new("__RequestVerificationToken", PortalFactory.AntiforgeryToken(await client.GetStringAsync(Base + "/danger")))]));
        Assert.Equal(Base + "/call-999", send.Headers.Location!.ToString());
        Assert.Equal(count, _forms.Handler.Submissions.Count);
        Assert.NotNull(html);
    }

    [Fact]
    public async Task Unknown_forms_and_pages_are_not_found()
    {
        using var client = _forms.Browser();
        using var form = await client.GetAsync("/test-forms/no-such-form");
        Assert.Equal(HttpStatusCode.NotFound, form.StatusCode);
        using var page = await client.GetAsync(Base + "/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
    }

    [Fact]
    public async Task A_draft_form_is_not_served_and_pages_cannot_take_a_form_address()
    {
        await using var scope = _forms.Factory.Services.CreateAsyncScope();
        var content = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var item = content.New(FormTypes.Form);
        item.Apply(new TitlePart { Title = "Draft form" });
        var draft = FormsPortal.SampleForm();
        draft.Slug = "draft-only";
        item.Apply(draft);
        await content.SaveDraftAsync(item, "test");
        using var client = _forms.Browser();
        using var response = await client.GetAsync("/test-forms/draft-only");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);

        var duplicate = content.New(FormTypes.Form);
        duplicate.Apply(new TitlePart { Title = "Copy" });
        duplicate.Apply(FormsPortal.SampleForm());
        var refused = await Assert.ThrowsAsync<ContentValidationException>(() => content.SaveDraftAsync(duplicate, "test"));
        Assert.Contains(refused.Result.Errors, e => e.Field == "FormPart.Slug");

        var page = content.New("Page");
        page.Apply(new TitlePart { Title = "Squatter" });
        page.Apply(new AutoroutePart { Path = "test-forms/sample" });
        var taken = await Assert.ThrowsAsync<ContentValidationException>(() => content.SaveDraftAsync(page, "test"));
        Assert.Contains(taken.Result.Errors, e => e.Field == "AutoroutePart.Path");
    }

    [Fact]
    public async Task When_sending_fails_she_sees_a_plain_message_and_her_answers_are_kept()
    {
        using var client = _forms.Browser();
        await FillInAsync(client, "Fay Failure");
        _forms.Handler.Fail = true;
        try
        {
            using var failed = await SendAsync(client);
            Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
            var html = await failed.Content.ReadAsStringAsync();
            Assert.Contains("Your form has not been sent", html, StringComparison.Ordinal);
        }
        finally
        {
            _forms.Handler.Fail = false;
        }

        var check = await client.GetStringAsync(Base + "/check");
        Assert.Contains("Fay Failure", check, StringComparison.Ordinal);
        Assert.Equal(Base + "/confirmation", await ExpectRedirectAsync(SendAsync(client)));
        Assert.Equal(1, SubmissionsFor("Fay Failure"));
    }

    [Fact]
    public async Task The_form_sessions_table_holds_no_answer_in_plain_text()
    {
        using var client = _forms.Browser();
        const string name = "Quintessa Zbigniewska";
        const string phone = "01202 987654";
        await FillInAsync(client, name, phone);
        var check = await client.GetStringAsync(Base + "/check");
        Assert.Contains(name, check, StringComparison.Ordinal);

        await using (var scope = _forms.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<FormsDbContext>();
            Assert.True(await db.Sessions.AnyAsync(s => s.ProtectedState != ""));
        }

        foreach (var file in Directory.GetFiles(_forms.Portal.DataFolder, "portal.db*"))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var memory = new MemoryStream();
            await stream.CopyToAsync(memory);
            var bytes = memory.ToArray();
            foreach (var secret in new[] { name, phone, "Zbigniewska" })
            {
                Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)));
                Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(secret)));
            }
        }
    }
}

public sealed partial class FormsEditorTests : IClassFixture<FormsPortal>
{
    private readonly FormsPortal _forms;

    public FormsEditorTests(FormsPortal forms) => _forms = forms;

    [Fact]
    public async Task An_editor_builds_a_form_in_the_back_office_without_JavaScript_and_publishes_it()
    {
        await _forms.CreateStaffAsync("form-editor", "Editor");
        using var editor = _forms.Browser();
        await PortalFactory.SignInAsync(editor, "form-editor", PortalFactory.StaffPassword);

        var blank = await editor.GetStringAsync("/admin/content/new/Form");
        Assert.Contains("Form settings", blank, StringComparison.Ordinal);
        Assert.Contains("Test forms (/test-forms/…)", blank, StringComparison.Ordinal);

        string id;
        using (var created = await PortalFactory.PostFormAsync(editor, "/admin/content/new/Form", "/admin/content/new/Form", new Dictionary<string, string>
        {
            ["TitlePart.Title"] = "Editor made form",
            ["FormPart.Kind"] = "test",
            ["FormPart.Slug"] = "editor-made",
            ["FormPart.IntroMarkdown"] = "Made in the editor.",
            ["FormPart.PageCount"] = "0",
            [FormEditor.CommandField] = "add-page",
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
            id = IdPattern().Match(created.Headers.Location!.ToString()).Groups[1].Value;
        }

        var edit = await editor.GetStringAsync($"/admin/content/{id}/edit");
        Assert.Contains("value=\"page-1\"", edit, StringComparison.Ordinal);
        Assert.Contains("value=\"question-1\"", edit, StringComparison.Ordinal);

        using (var published = await PortalFactory.PostFormAsync(editor, $"/admin/content/{id}/edit", $"/admin/content/{id}/edit", new Dictionary<string, string>
        {
            ["TitlePart.Title"] = "Editor made form",
            ["FormPart.Kind"] = "test",
            ["FormPart.Slug"] = "editor-made",
            ["FormPart.IntroMarkdown"] = "Made in the editor.",
            ["FormPart.PageCount"] = "1",
            ["FormPart.Pages[0].Id"] = "where",
            ["FormPart.Pages[0].Title"] = "",
            ["FormPart.Pages[0].ConditionCount"] = "0",
            ["FormPart.Pages[0].QuestionCount"] = "1",
            ["FormPart.Pages[0].Questions[0].Id"] = "area",
            ["FormPart.Pages[0].Questions[0].Type"] = "SingleChoice",
            ["FormPart.Pages[0].Questions[0].Label"] = "Where do you live?",
            ["FormPart.Pages[0].Questions[0].Required"] = "true",
            ["FormPart.Pages[0].Questions[0].Options"] = "Bournemouth\r\nouts|Outside the BCP area",
            ["FormPart.Pages[0].Questions[0].Tag"] = "area",
            ["FormPart.SentHeading"] = "Request sent",
            ["FormPart.OffersAutofill"] = "true",
            ["submit"] = "publish",
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        }

        // The notice names the form's public address (a form has no path of its own: "published at /" said nothing).
        var afterPublish = await editor.GetStringAsync($"/admin/content/{id}/edit");
        Assert.Contains("is published at /test-forms/editor-made", afterPublish, StringComparison.Ordinal);
        Assert.Contains("value=\"Request sent\"", afterPublish, StringComparison.Ordinal);
        Assert.Contains("name=\"FormPart.OffersAutofill\" type=\"checkbox\" value=\"true\" checked=\"checked\"", afterPublish, StringComparison.Ordinal);

        var preview = await editor.GetStringAsync($"/admin/content/{id}/preview");
        Assert.Contains("Where do you live?", preview, StringComparison.Ordinal);
        Assert.Contains("/test-forms/editor-made", preview, StringComparison.Ordinal);

        using var visitor = _forms.Browser();
        var page = await visitor.GetStringAsync("/test-forms/editor-made/where");
        Assert.Contains("<h1 class=\"govuk-fieldset__heading\">Where do you live?</h1>", page, StringComparison.Ordinal);
        Assert.Contains("value=\"bournemouth\"", page, StringComparison.Ordinal);
        Assert.Contains("value=\"outs\"", page, StringComparison.Ordinal);

        // The heading the editor chose heads the confirmation page.
        using (var answered = await visitor.PostAsync("/test-forms/editor-made/where", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalFactory.AntiforgeryToken(page),
            ["area"] = "outs",
        })))
        {
            Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        }

        var check = await visitor.GetStringAsync("/test-forms/editor-made/check");
        using (var sent = await visitor.PostAsync("/test-forms/editor-made/check", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = PortalFactory.AntiforgeryToken(check) })))
        {
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        }

        Assert.Contains("<h1 class=\"govuk-panel__title\">Request sent</h1>", await visitor.GetStringAsync("/test-forms/editor-made/confirmation"), StringComparison.Ordinal);

        using (var refused = await PortalFactory.PostFormAsync(editor, $"/admin/content/{id}/edit", $"/admin/content/{id}/edit", new Dictionary<string, string>
        {
            ["TitlePart.Title"] = "Editor made form",
            ["FormPart.Kind"] = "test",
            ["FormPart.Slug"] = "Editor Made!",
            ["FormPart.SentHeading"] = "Thank you so much for telling us where you live and what you need today",
            ["FormPart.PageCount"] = "0",
        }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var html = await refused.Content.ReadAsStringAsync();
            Assert.Contains("can only use lower-case letters, numbers and hyphens", html, StringComparison.Ordinal);
            Assert.Contains("The heading of the confirmation page must be 60 characters or fewer", html, StringComparison.Ordinal);
            Assert.Contains("Add at least one page", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_editor_chooses_scale_rank_and_rate_and_is_told_plainly_what_is_missing()
    {
        await _forms.CreateStaffAsync("scale-editor", "Editor");
        using var editor = _forms.Browser();
        await PortalFactory.SignInAsync(editor, "scale-editor", PortalFactory.StaffPassword);

        Dictionary<string, string> Fields(string type, string options, string min = "", string max = "", string submit = "publish") => new()
        {
            ["TitlePart.Title"] = "Editor made survey",
            ["FormPart.Kind"] = "test",
            ["FormPart.Slug"] = "editor-scale",
            ["FormPart.PageCount"] = "1",
            ["FormPart.Pages[0].Id"] = "feel",
            ["FormPart.Pages[0].ConditionCount"] = "0",
            ["FormPart.Pages[0].QuestionCount"] = "1",
            ["FormPart.Pages[0].Questions[0].Id"] = "feel",
            ["FormPart.Pages[0].Questions[0].Type"] = type,
            ["FormPart.Pages[0].Questions[0].Label"] = "How do you feel?",
            ["FormPart.Pages[0].Questions[0].Hint"] = "1 is very poor, 10 is very good",
            ["FormPart.Pages[0].Questions[0].Required"] = "true",
            ["FormPart.Pages[0].Questions[0].Options"] = options,
            ["FormPart.Pages[0].Questions[0].Min"] = min,
            ["FormPart.Pages[0].Questions[0].Max"] = max,
            ["submit"] = submit,
        };

        using (var noPoints = await PortalFactory.PostFormAsync(editor, "/admin/content/new/Form", "/admin/content/new/Form", Fields("Scale", "")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noPoints.StatusCode);
            var html = await noPoints.Content.ReadAsStringAsync();
            Assert.Contains("Page 1, question 1: add at least 2 points to the scale", html, StringComparison.Ordinal);
            Assert.Contains(">A point on a scale, like very worried to not at all worried</option>", html, StringComparison.Ordinal);
            Assert.Contains(">Put options in order</option>", html, StringComparison.Ordinal);
            Assert.Contains(">Rate each option, for example from 1 to 5</option>", html, StringComparison.Ordinal);
        }

        using (var tooWide = await PortalFactory.PostFormAsync(editor, "/admin/content/new/Form", "/admin/content/new/Form", Fields("Rate", "Parks\nStreets", "0", "12")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, tooWide.StatusCode);
            Assert.Contains("a rating can have at most 10 points, like 1 to 10", await tooWide.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var published = await PortalFactory.PostFormAsync(editor, "/admin/content/new/Form", "/admin/content/new/Form", Fields("Rate", "Parks\nStreets", "1", "10")))
        {
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        }

        using var visitor = _forms.Browser();
        var page = await visitor.GetStringAsync("/test-forms/editor-scale/feel");
        Assert.Contains("<h1 class=\"govuk-heading-l\" id=\"feel-label\">How do you feel?</h1>", page, StringComparison.Ordinal);
        Assert.Contains("id=\"feel-2\" name=\"feel-2\" type=\"radio\" value=\"1\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"feel-2-10\" name=\"feel-2\" type=\"radio\" value=\"10\"", page, StringComparison.Ordinal);
        Assert.Contains("<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">Streets</legend>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_editor_ticks_the_answers_a_page_condition_looks_for_once_its_question_is_saved()
    {
        await _forms.CreateStaffAsync("condition-editor", "Editor");
        using var editor = _forms.Browser();
        await PortalFactory.SignInAsync(editor, "condition-editor", PortalFactory.StaffPassword);

        List<KeyValuePair<string, string>> Fields(string token, params string[] values)
        {
            var fields = new List<KeyValuePair<string, string>>
            {
                new("__RequestVerificationToken", token),
                new("TitlePart.Title", "Editor made conditions"),
                new("FormPart.Kind", "test"),
                new("FormPart.Slug", "editor-conditions"),
                new("FormPart.PageCount", "2"),
                new("FormPart.Pages[0].Id", "where"),
                new("FormPart.Pages[0].ConditionCount", "0"),
                new("FormPart.Pages[0].QuestionCount", "1"),
                new("FormPart.Pages[0].Questions[0].Id", "area"),
                new("FormPart.Pages[0].Questions[0].Type", "SingleChoice"),
                new("FormPart.Pages[0].Questions[0].Label", "Where do you live?"),
                new("FormPart.Pages[0].Questions[0].Required", "true"),
                new("FormPart.Pages[0].Questions[0].Options", "bournemouth|Bournemouth\npoole|Poole\nchristchurch|Christchurch"),
                new("FormPart.Pages[1].Id", "poole-only"),
                new("FormPart.Pages[1].ConditionCount", "1"),
                new("FormPart.Pages[1].ShowWhen[0].QuestionId", "area"),
                new("FormPart.Pages[1].ShowWhen[0].Operator", "AnyOf"),
                new("FormPart.Pages[1].QuestionCount", "1"),
                new("FormPart.Pages[1].Questions[0].Id", "street"),
                new("FormPart.Pages[1].Questions[0].Type", "Text"),
                new("FormPart.Pages[1].Questions[0].Label", "Which street?"),
                new("submit", "save"),
            };
            fields.AddRange(values.Select(v => new KeyValuePair<string, string>("FormPart.Pages[1].ShowWhen[0].Values", v)));
            return fields;
        }

        // Typed the first time, as the question was not yet saved.
        string id;
        var blank = await editor.GetStringAsync("/admin/content/new/Form");
        using (var created = await editor.PostAsync("/admin/content/new/Form", new FormUrlEncodedContent(Fields(PortalFactory.AntiforgeryToken(blank), "poole"))))
        {
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
            id = IdPattern().Match(created.Headers.Location!.ToString()).Groups[1].Value;
        }

        var edit = await editor.GetStringAsync($"/admin/content/{id}/edit");
        Assert.Contains("type=\"checkbox\" value=\"poole\" checked=\"checked\"", edit, StringComparison.Ordinal);
        Assert.Contains("type=\"checkbox\" value=\"bournemouth\">", edit, StringComparison.Ordinal);
        Assert.Contains(">Christchurch</label>", edit, StringComparison.Ordinal);

        // Then ticked: each ticked answer comes as a value of its own.
        using (var saved = await editor.PostAsync($"/admin/content/{id}/edit", new FormUrlEncodedContent(Fields(PortalFactory.AntiforgeryToken(edit), "poole", "christchurch"))))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        await using var scope = _forms.Factory.Services.CreateAsyncScope();
        var latest = (await scope.ServiceProvider.GetRequiredService<ContentManager>().GetAsync(id, VersionOptions.Latest))!;
        Assert.Equal(["poole", "christchurch"], latest.As<FormPart>().Pages[1].ShowWhen.Single().Values);
    }

    [System.Text.RegularExpressions.GeneratedRegex("/admin/content/([^/]+)/edit")]
    private static partial System.Text.RegularExpressions.Regex IdPattern();
}

public sealed class FormsRateLimitTests : IAsyncLifetime
{
    private readonly FormsPortal _forms = new();

    public Task InitializeAsync()
    {
        _forms.Portal.With("Forms:RateLimitPermits", "3");
        return _forms.InitializeAsync();
    }

    public Task DisposeAsync() => _forms.DisposeAsync();

    [Fact]
    public async Task Too_many_posts_from_one_client_get_a_plain_English_429_page()
    {
        using var client = _forms.Browser();
        var html = await client.GetStringAsync(FormsPortal.Base + "/danger");
        var token = PortalFactory.AntiforgeryToken(html);
        HttpStatusCode last = HttpStatusCode.OK;
        string body = "";
        for (var i = 0; i < 5; i++)
        {
            using var response = await client.PostAsync(FormsPortal.Base + "/danger", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
            last = response.StatusCode;
            body = await response.Content.ReadAsStringAsync();
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last);
        Assert.Contains("<h1", body, StringComparison.Ordinal);
    }
}
