using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Data;
using SaferBcp.Cms.Security;
using SaferBcp.Forms.Models;
using SaferBcp.Surveys;
using SaferBcp.Surveys.Models;
using SaferBcp.Surveys.Services;

namespace SaferBcp.Portal.Tests;

/// <summary>The portal with three published surveys: one open, one closed on 20 November 2026, one for exports.</summary>
public sealed class SurveyPortal : IAsyncLifetime
{
    public const string OpenBase = "/surveys/feeling-safe";
    public const string ClosedBase = "/surveys/last-year";
    public const string UserAgent = "SurveyTestBrowser/4.2 (unique-agent-7c1e)";

    public PortalFactory Portal { get; } = new PortalFactory().With("Forms:RateLimitPermits", "1000");

    public string OpenId { get; private set; } = "";

    public string ClosedId { get; private set; } = "";

    public string ExportId { get; private set; } = "";

    public static FormPart SurveyForm(string slug) => new()
    {
        Slug = slug,
        Kind = "survey",
        IntroMarkdown = "Tell us how safe you feel.",
        WhatHappensNextMarkdown = "We read every answer.",
        Pages =
        [
            new FormPage
            {
                Id = "worry",
                Questions =
                [
                    new FormQuestion
                    {
                        Id = "worry", Type = QuestionType.SingleChoice, Label = "How worried are you about knife crime where you live?",
                        Options = [new() { Value = "very", Label = "Very worried" }, new() { Value = "fairly", Label = "Fairly worried" }, new() { Value = "not-very", Label = "Not very worried" }, new() { Value = "not-at-all", Label = "Not at all worried" }],
                    },
                ],
            },
            new FormPage
            {
                Id = "places",
                Questions = [new FormQuestion { Id = "places", Type = QuestionType.MultipleChoice, Label = "Where do you feel unsafe?", Required = false, Options = [new() { Value = "park", Label = "Parks" }, new() { Value = "bus", Label = "Buses" }] }],
            },
            new FormPage { Id = "story", Questions = [new FormQuestion { Id = "story", Type = QuestionType.LongText, Label = "Tell us more", Required = false, Personal = true }] },
            new FormPage { Id = "help", Questions = [new FormQuestion { Id = "help", Type = QuestionType.YesNo, Label = "Would you like to help shape services?", Required = false, Tag = "contact-opt-in" }] },
            new FormPage
            {
                Id = "contact",
                ShowWhen = [new FormCondition { QuestionId = "help", Operator = ConditionOperator.AnyOf, Values = ["yes"] }],
                Questions = [new FormQuestion { Id = "contact-email", Type = QuestionType.Email, Label = "Email address", Required = false, Tag = "contact-email", Personal = true }],
            },
        ],
    };

    public async Task InitializeAsync()
    {
        OpenId = await Portal.PublishFormAsync("How safe do you feel?", SurveyForm("feeling-safe"), new SurveyPart { OpensOn = new DateOnly(2026, 11, 1), ClosesOn = new DateOnly(2026, 12, 31), PrivacyMarkdown = "We do not record who you are." });
        ClosedId = await Portal.PublishFormAsync("Last year's survey", SurveyForm("last-year"), new SurveyPart { OpensOn = new DateOnly(2026, 10, 1), ClosesOn = new DateOnly(2026, 11, 20), ResultsPublished = true, YouSaidMarkdown = "Parks worried people most." });
        ExportId = await Portal.PublishFormAsync("Export survey", SurveyForm("for-export"), new SurveyPart { ClosesOn = new DateOnly(2026, 11, 20) });
    }

    public async Task DisposeAsync() => await Portal.DisposeAsync();
}

public sealed class SurveyTests : IClassFixture<SurveyPortal>
{
    private readonly SurveyPortal _surveys;

    public SurveyTests(SurveyPortal surveys) => _surveys = surveys;

    private PortalFactory Portal => _surveys.Portal;

    private static async Task<string> AnswerAsync(HttpClient client, string page, params (string Name, string Value)[] fields)
    {
        var html = await client.GetStringAsync(page);
        var values = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).ToList();
        values.Add(new("__RequestVerificationToken", PortalFactory.AntiforgeryToken(html)));
        using var response = await client.PostAsync(page, new FormUrlEncodedContent(values));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.ToString();
    }

    /// <summary>Answers the open survey as a resident who would like to help shape services, and sends it.</summary>
    private static async Task CompleteAsync(HttpClient client, string story)
    {
        const string b = SurveyPortal.OpenBase;
        Assert.Equal(b + "/places", await AnswerAsync(client, b + "/worry", ("worry", "fairly")));
        Assert.Equal(b + "/story", await AnswerAsync(client, b + "/places", ("places", "park"), ("places", "bus")));
        Assert.Equal(b + "/help", await AnswerAsync(client, b + "/story", ("story", story)));
        Assert.Equal(b + "/contact", await AnswerAsync(client, b + "/help", ("help", "yes")));
        Assert.Equal(b + "/check", await AnswerAsync(client, b + "/contact", ("contact-email", "helper@example.org")));
        Assert.Equal(b + "/confirmation", await AnswerAsync(client, b + "/check"));
    }

    private async Task<List<SurveyResponse>> ResponsesAsync(string surveyId)
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SurveysDbContext>().Responses.AsNoTracking().Where(r => r.SurveyContentItemId == surveyId).OrderBy(r => r.Id).ToListAsync();
    }

    private async Task<HttpClient> StaffAsync(string userName, string role)
    {
        await Portal.CreateStaffAsync(userName, role);
        var client = Portal.Browser();
        await PortalFactory.SignInAsync(client, userName, PortalFactory.StaffPassword);
        return client;
    }

    [Fact]
    public async Task The_list_shows_open_surveys_with_their_closing_date_and_the_start_page_its_privacy_statement()
    {
        using var client = Portal.Browser();
        var list = await client.GetStringAsync("/surveys");
        Assert.Contains($"href=\"{SurveyPortal.OpenBase}\"", list, StringComparison.Ordinal);
        Assert.Contains("Closes on 31 December 2026", list, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"{SurveyPortal.ClosedBase}\"", list, StringComparison.Ordinal);
        Assert.Contains($"href=\"{SurveyPortal.ClosedBase}/results\"", list, StringComparison.Ordinal);

        using var start = await client.GetAsync(SurveyPortal.OpenBase);
        var html = await start.Content.ReadAsStringAsync();
        Assert.Contains("We do not record who you are.", html, StringComparison.Ordinal);
        Assert.Contains("This survey closes on 31 December 2026", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"{SurveyPortal.OpenBase}/worry\"", html, StringComparison.Ordinal);
        Assert.Contains("no-store", start.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Completing_a_survey_stores_one_response_kept_to_the_day_with_contact_details_apart_and_no_reference()
    {
        var before = (await ResponsesAsync(_surveys.OpenId)).Count;
        using var client = Portal.Browser();
        await CompleteAsync(client, "My name is Jordan Example and the park by the library feels unsafe");

        var confirmation = await client.GetStringAsync(SurveyPortal.OpenBase + "/confirmation");
        Assert.Contains("<h1 class=\"govuk-panel__title\">Your answers have been sent</h1>", confirmation, StringComparison.Ordinal);
        Assert.Contains("Thank you", confirmation, StringComparison.Ordinal);
        Assert.DoesNotContain("reference number", confirmation, StringComparison.Ordinal);

        // A second post of the check page (the back button, a double click) stores nothing more.
        var token = PortalFactory.AntiforgeryToken(await client.GetStringAsync(SurveyPortal.OpenBase + "/worry"));
        using var again = await client.PostAsync(SurveyPortal.OpenBase + "/check", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        var responses = await ResponsesAsync(_surveys.OpenId);
        Assert.Equal(before + 1, responses.Count);
        var response = responses[^1];
        Assert.Equal(new DateOnly(2026, 11, 27), response.ResponseDate);
        var protector = Portal.Services.GetRequiredService<SurveyProtector>();
        Assert.False(SurveyProtector.IsPlaintext(response.AnswersJson));
        var answers = JsonSerializer.Deserialize<Dictionary<string, List<string>>>(protector.UnprotectAnswersJson(response.AnswersJson))!;
        Assert.Equal(["fairly"], answers["worry"]);
        Assert.Equal(["park", "bus"], answers["places"]);
        Assert.False(answers.ContainsKey("contact-email"));
        Assert.False(answers.ContainsKey("help"));
        Assert.DoesNotContain("helper@example.org", protector.UnprotectAnswersJson(response.AnswersJson), StringComparison.Ordinal);

        // The contact is kept apart, to the month only (the response has the day).
        await using var scope = Portal.Services.CreateAsyncScope();
        var contacts = (await scope.ServiceProvider.GetRequiredService<SurveysDbContext>().Contacts.AsNoTracking().Where(c => c.SurveyContentItemId == _surveys.OpenId).ToListAsync())
            .Where(c => protector.UnprotectContact(c.ProtectedDetails!).Email == "helper@example.org").ToList();
        Assert.NotEmpty(contacts);
        Assert.All(contacts, c => Assert.Equal(new DateOnly(2026, 11, 1), c.ReceivedOn));

        // The date column holds a day, never a time.
        var connection = scope.ServiceProvider.GetRequiredService<PortalDatabase>().Connection;
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync();
        }

        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT CAST(\"ResponseDate\" AS TEXT) FROM \"Surveys_Responses\" WHERE \"Id\" = " + response.Id.ToString(CultureInfo.InvariantCulture);
        Assert.Equal("2026-11-27", (string)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task A_response_sent_over_a_real_connection_leaves_no_client_address_or_browser_in_the_database()
    {
        await using var portal = new PortalFactory().With("Forms:RateLimitPermits", "1000");
        var address = portal.StartRealServer();
        await portal.PublishFormAsync("How safe do you feel?", SurveyPortal.SurveyForm("feeling-safe"), new SurveyPart());

        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(address) };
        client.DefaultRequestHeaders.UserAgent.ParseAdd(SurveyPortal.UserAgent);
        await CompleteAsync(client, "The buses late at night");

        await using (var scope = portal.Services.CreateAsyncScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<SurveysDbContext>().Responses.CountAsync());
        }

        // The answers and the contact details are stored encrypted: neither is anywhere in the database as written.
        var bytes = await portal.ReadEverythingStoredAsync();
        Assert.Contains("How safe do you feel?", bytes, StringComparison.Ordinal);
        Assert.DoesNotContain("The buses late at night", bytes, StringComparison.Ordinal);
        Assert.DoesNotContain("helper@example.org", bytes, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", bytes, StringComparison.Ordinal);
        Assert.DoesNotContain("::1", bytes, StringComparison.Ordinal);
        Assert.DoesNotContain("unique-agent-7c1e", bytes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_closed_survey_says_when_it_closed_links_to_its_results_and_refuses_answers()
    {
        using var client = Portal.Browser();
        var start = await client.GetStringAsync(SurveyPortal.ClosedBase);
        Assert.Contains("This survey closed on 20 November 2026", start, StringComparison.Ordinal);
        Assert.Contains("href=\"/surveys/last-year/results\"", start, StringComparison.Ordinal);
        Assert.DoesNotContain("Start now", start, StringComparison.Ordinal);

        var token = PortalFactory.AntiforgeryToken(await client.GetStringAsync(SurveyPortal.OpenBase + "/worry"));
        foreach (var page in new[] { "/worry", "/check" })
        {
            using var post = await client.PostAsync(SurveyPortal.ClosedBase + page, new FormUrlEncodedContent(new Dictionary<string, string> { ["worry"] = "very", ["__RequestVerificationToken"] = token }));
            Assert.Equal(HttpStatusCode.OK, post.StatusCode);
            Assert.Contains("This survey closed on 20 November 2026", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Empty(await ResponsesAsync(_surveys.ClosedId));
    }

    [Fact]
    public async Task Exports_stream_every_response_masked_agree_with_the_database_and_are_each_audited()
    {
        await using (var scope = Portal.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SurveysDbContext>();
            var protector = scope.ServiceProvider.GetRequiredService<SurveyProtector>();
            if (!await db.Responses.AnyAsync(r => r.SurveyContentItemId == _surveys.ExportId))
            {
                // More than two batches, so the export reads page after page.
                for (var i = 0; i < 2300; i++)
                {
                    var answers = new Dictionary<string, List<string>> { ["worry"] = [i % 2 == 0 ? "very" : "not-at-all"], ["places"] = i % 3 == 0 ? ["bus"] : [], ["story"] = [$"Answer {i}: email me at person{i}@example.com"] };
                    db.Responses.Add(new SurveyResponse { SurveyContentItemId = _surveys.ExportId, ResponseDate = new DateOnly(2026, 11, 10), AnswersJson = protector.ProtectAnswers(answers) });
                }

                await db.SaveChangesAsync();
            }
        }

        var opener = Portal.Services.GetRequiredService<SurveyProtector>();
        var stored = (await ResponsesAsync(_surveys.ExportId)).Select(r => new SurveyResponse { Id = r.Id, AnswersJson = opener.UnprotectAnswersJson(r.AnswersJson) }).ToList();
        using var analyst = await StaffAsync("survey-analyst", PortalRoles.Analyst);
        var baseUrl = $"/admin/surveys/{_surveys.ExportId}";
        Assert.Contains($"{baseUrl}/responses.xlsx", await analyst.GetStringAsync(baseUrl), StringComparison.Ordinal);

        using var csvResponse = await analyst.GetAsync(baseUrl + "/responses.csv");
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.Contains("no-store", csvResponse.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var csvRows = ReadCsv(await csvResponse.Content.ReadAsByteArrayAsync());
        Assert.Equal(stored.Count, csvRows.Count);
        Assert.Equal(stored.Select(r => r.Id.ToString(CultureInfo.InvariantCulture)), csvRows.Select(r => r["response_id"]));
        Assert.Equal(stored.Count(r => r.AnswersJson.Contains("\"very\"", StringComparison.Ordinal)), csvRows.Count(r => r["worry"] == "very"));
        Assert.Equal(stored.Count(r => r.AnswersJson.Contains("\"bus\"", StringComparison.Ordinal)), csvRows.Count(r => r["places_bus"] == "1"));
        Assert.All(csvRows, r => Assert.Equal("2026-11-10", r["response_date"]));
        Assert.All(csvRows, r => Assert.EndsWith("email me at [removed]", r["story"], StringComparison.Ordinal));

        var codebook = ReadCsv(await analyst.GetByteArrayAsync(baseUrl + "/codebook.csv"));
        Assert.Contains(codebook, r => r["column"] == "places_bus" && r["label"] == "Where do you feel unsafe?: Buses");

        using var xlsxResponse = await analyst.GetAsync(baseUrl + "/responses.xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsxResponse.StatusCode);
        using var xlsx = new MemoryStream(await xlsxResponse.Content.ReadAsByteArrayAsync());
        Assert.Equal(["Responses", "Codebook"], MiniExcel.GetSheetNames(xlsx));
        var sheet = MiniExcel.Query(xlsx, useHeaderRow: true, sheetName: "Responses").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(stored.Count, sheet.Count);
        Assert.Equal(stored.Count(r => r.AnswersJson.Contains("\"very\"", StringComparison.Ordinal)), sheet.Count(r => (string)r["worry"] == "very"));
        Assert.Equal(stored.Count(r => r.AnswersJson.Contains("\"bus\"", StringComparison.Ordinal)), sheet.Count(r => Convert.ToInt32(r["places_bus"], CultureInfo.InvariantCulture) == 1));
        Assert.DoesNotContain(sheet, r => ((string)r["story"]).Contains('@', StringComparison.Ordinal));

        // An Analyst can open one response as it was written; that is audited too.
        var one = stored[0];
        var single = await analyst.GetStringAsync($"{baseUrl}/responses/{one.Id}");
        Assert.Contains("email me at person0@example.com", single, StringComparison.Ordinal);

        await using var audit = Portal.Services.CreateAsyncScope();
        var entries = await audit.ServiceProvider.GetRequiredService<CmsDbContext>().AuditEntries.AsNoTracking()
            .Where(e => e.UserName == "survey-analyst").Select(e => new { e.Action, e.SubjectId }).ToListAsync();
        Assert.Contains(entries, e => e.Action == "survey.export.csv" && e.SubjectId == _surveys.ExportId);
        Assert.Contains(entries, e => e.Action == "survey.export.codebook" && e.SubjectId == _surveys.ExportId);
        Assert.Contains(entries, e => e.Action == "survey.export.xlsx" && e.SubjectId == _surveys.ExportId);
        Assert.Contains(entries, e => e.Action == "survey.response.viewed" && e.SubjectId == one.Id.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task An_editor_sees_response_counts_but_no_single_response_and_cannot_export_or_open_one()
    {
        const string written = "The underpass near the station is the worst place";
        await using (var scope = Portal.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SurveysDbContext>();
            var answers = new Dictionary<string, List<string>> { ["worry"] = ["very"], ["story"] = [written] };
            db.Responses.Add(new SurveyResponse { SurveyContentItemId = _surveys.OpenId, ResponseDate = new DateOnly(2026, 11, 27), AnswersJson = scope.ServiceProvider.GetRequiredService<SurveyProtector>().ProtectAnswers(answers) });
            await db.SaveChangesAsync();
        }

        using var editor = await StaffAsync("survey-editor", PortalRoles.Editor);
        var baseUrl = $"/admin/surveys/{_surveys.OpenId}";
        var list = await editor.GetStringAsync("/admin/surveys");
        Assert.Contains("How safe do you feel?", list, StringComparison.Ordinal);
        var page = await editor.GetStringAsync(baseUrl);
        Assert.DoesNotContain("responses.csv", page, StringComparison.Ordinal);

        // Raw rows would show small groups the results hide from her: an Editor sees none, an Analyst does.
        Assert.DoesNotContain("Latest responses", page, StringComparison.Ordinal);
        Assert.DoesNotContain(written, page, StringComparison.Ordinal);
        Assert.DoesNotContain("Very worried", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Show contact details", page, StringComparison.Ordinal);
        using (var analyst = await StaffAsync("survey-rows-analyst", PortalRoles.Analyst))
        {
            var analystPage = await analyst.GetStringAsync(baseUrl);
            Assert.Contains("Latest responses", analystPage, StringComparison.Ordinal);
            Assert.Contains(written, analystPage, StringComparison.Ordinal);
        }

        var token = PortalFactory.AntiforgeryToken(await editor.GetStringAsync("/admin/content/" + _surveys.OpenId + "/edit"));
        using (var contacts = await editor.PostAsync(baseUrl + "/contacts", new FormUrlEncodedContent([new("__RequestVerificationToken", token)])))
        {
            Assert.Equal(HttpStatusCode.Redirect, contacts.StatusCode);
            Assert.Contains("/account/access-denied", contacts.Headers.Location!.ToString(), StringComparison.Ordinal);
        }

        foreach (var url in new[] { "/responses.csv", "/responses.xlsx", "/codebook.csv", "/responses/1" })
        {
            using var response = await editor.GetAsync(baseUrl + url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/account/access-denied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Staff_edit_a_surveys_privacy_statement_and_dates_alongside_its_questions()
    {
        using var admin = Portal.Browser();
        await PortalFactory.SignInAsync(admin, PortalFactory.AdminUser, PortalFactory.AdminPassword);
        var edit = await admin.GetStringAsync($"/admin/content/{_surveys.OpenId}/edit");
        Assert.Contains("How worried are you about knife crime where you live?", edit, StringComparison.Ordinal);
        Assert.Contains("name=\"SurveyPart.PrivacyMarkdown\"", edit, StringComparison.Ordinal);
        Assert.Contains("We do not record who you are.", edit, StringComparison.Ordinal);
        Assert.Contains("value=\"2026-12-31\"", edit, StringComparison.Ordinal);
        Assert.Contains("name=\"SurveyPart.Archived\"", edit, StringComparison.Ordinal);
        Assert.Contains("name=\"SurveyPart.YouSaidMarkdown\"", edit, StringComparison.Ordinal);
        Assert.Contains("name=\"SurveyPart.ResultsPublished\"", edit, StringComparison.Ordinal);
        Assert.Matches("name=\"SurveyPart.ContactRetentionMonths\"[^>]*value=\"24\"", edit);
    }

    private static List<Dictionary<string, string>> ReadCsv(byte[] bytes)
    {
        using var csv = CsvReader.Create(bytes, new CsvReaderOptions { Separator = ',' });
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            rows.Add(csv.Headers.ToDictionary(h => h, h => csv.GetString(h)));
        }

        return rows;
    }
}
