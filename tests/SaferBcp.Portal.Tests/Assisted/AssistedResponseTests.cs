using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Data;
using SaferBcp.Cms.Security;
using SaferBcp.Surveys.Assisted;

namespace SaferBcp.Portal.Tests.Assisted;

public sealed class AssistedResponseTests : IClassFixture<AssistedPortal>
{
    private const string Header = "response_id,response_date,response_assisted,response_channel,response_organisation,worry,places_park,places_bus,story";
    private readonly AssistedPortal _fixture;

    public AssistedResponseTests(AssistedPortal fixture) => _fixture = fixture;

    private PortalFactory Portal => _fixture.Portal;

    [Fact]
    public async Task Only_staff_whose_role_an_administrator_gave_Enter_responses_may_open_assisted_mode_or_import()
    {
        await using var portal = new PortalFactory();
        var surveyId = await portal.PublishFormAsync("Permission survey", SurveyPortal.SurveyForm("permission-survey"), AssistedPortal.Open);
        var entry = $"/admin/surveys/{surveyId}/assisted";

        // Out of the box no role but Administrator has it: an Editor and an Analyst are refused, page, start and import alike.
        foreach (var (name, role) in new[] { ("perm-editor", PortalRoles.Editor), ("perm-analyst", PortalRoles.Analyst) })
        {
            using var client = await StaffClient(portal, name, role);
            foreach (var request in new[] { new HttpRequestMessage(HttpMethod.Get, entry), new HttpRequestMessage(HttpMethod.Get, "/admin/surveys/assisted"), new HttpRequestMessage(HttpMethod.Post, entry) { Content = new FormUrlEncodedContent([new("channel", "phone")]) } })
            {
                using var response = await client.SendAsync(request);
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden || response.Headers.Location?.ToString().Contains("/account/access-denied", StringComparison.Ordinal) == true, $"{role} got {response.StatusCode} for {request.RequestUri}");
            }
        }

        // An administrator ticks the permission for Analysts on the roles page.
        using (var admin = portal.Browser())
        {
            await PortalFactory.SignInAsync(admin, PortalFactory.AdminUser, PortalFactory.AdminPassword);
            var wanted = new[] { "AccessAdmin", "ViewDataset", "ManageDataset", "ExportDataset", "ViewSurveyResponses", "ExportSurveyResponses", "EnterResponses" };
            using var saved = await AssistedPortal.PostToAsync(admin, "/admin/roles", "/admin/roles/Analyst", [.. wanted.Select(p => ("permissions", p))]);
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        using var analyst = await StaffClient(portal, "perm-analyst-2", PortalRoles.Analyst);
        var page = await analyst.GetStringAsync(entry);
        Assert.Contains("Enter responses for someone", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"{entry}\"", await analyst.GetStringAsync($"/admin/surveys/{surveyId}"), StringComparison.Ordinal);

        // Every post needs its antiforgery token.
        using var forged = await analyst.PostAsync(entry, new FormUrlEncodedContent([new("channel", "phone")]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    private static async Task<HttpClient> StaffClient(PortalFactory portal, string name, string role)
    {
        await portal.CreateStaffAsync(name, role);
        var client = portal.Browser();
        await PortalFactory.SignInAsync(client, name, PortalFactory.StaffPassword);
        return client;
    }

    [Fact]
    public async Task An_assisted_response_uses_the_surveys_own_pages_and_is_stored_once_marked_with_its_channel_and_no_staff_identity()
    {
        var surveyId = await _fixture.SurveyAsync("assisted-entry");
        const string b = "/surveys/assisted-entry";
        using var staff = await _fixture.StaffAsync("assisted-worker", PortalRoles.Analyst);

        // The browser had started the survey as a member of the public: that journey is dropped, not left to be sent too.
        await AssistedPortal.ExpectRedirect(await AssistedPortal.PostAsync(staff, b + "/worry", ("worry", "very")), b + "/places");

        var entry = $"/admin/surveys/{surveyId}/assisted";
        using (var missing = await AssistedPortal.PostAsync(staff, entry, ("organisation", "Example Support Service")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
            Assert.Contains("Select how the person is answering", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await AssistedPortal.ExpectRedirect(await AssistedPortal.PostToAsync(staff, entry, entry, ("channel", "phone"), ("organisation", "Example Support Service")), b + "/worry");
        await AssistedPortal.ExpectRedirect(await staff.GetAsync(b + "/places"), b + "/worry");

        // The same page and the same check as the public get, with a banner for staff.
        var first = await staff.GetStringAsync(b + "/worry");
        Assert.Contains("You are entering a response for someone (by phone, Example Support Service)", first, StringComparison.Ordinal);
        Assert.DoesNotMatch(new Regex(@"value=""very""[^>]*checked"), first);
        using (var empty = await AssistedPortal.PostAsync(staff, b + "/worry"))
        {
            var html = await empty.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
            Assert.Contains("govuk-error-summary", html, StringComparison.Ordinal);
        }

        var before = (await _fixture.ResponsesAsync(surveyId)).Count;
        await AssistedPortal.CompleteAsync(staff, "assisted-entry", "fairly", "Told us over the phone");
        await AssistedPortal.ExpectRedirect(await staff.GetAsync(b + "/confirmation"), entry + "?sent=phone");
        Assert.Contains("Response saved", await staff.GetStringAsync(entry + "?sent=phone"), StringComparison.Ordinal);

        var responses = await _fixture.ResponsesAsync(surveyId);
        Assert.Equal(before + 1, responses.Count);
        var (response, answers) = responses[^1];
        Assert.Equal(["fairly"], answers["worry"]);
        Assert.Equal(["phone"], answers[AssistedMarks.ChannelKey]);
        Assert.Equal(["Example Support Service"], answers[AssistedMarks.OrganisationKey]);
        Assert.Equal(new DateOnly(2026, 11, 1), response.ResponseDate);

        // Nothing about the member of staff is kept with the answers.
        await using var scope = Portal.Services.CreateAsyncScope();
        var cms = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
        var worker = await cms.Users.SingleAsync(u => u.UserName == "assisted-worker");
        var stored = string.Join("|", answers.SelectMany(a => a.Value.Prepend(a.Key)));
        Assert.DoesNotContain("assisted-worker", stored, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(worker.Id, stored, StringComparison.OrdinalIgnoreCase);

        // The audit log says who entered a response to which survey, never which response.
        var audited = await cms.AuditEntries.AsNoTracking().Where(a => a.Action == AssistedSubmission.AuditAction && a.SubjectId == surveyId).ToListAsync();
        var entryRow = Assert.Single(audited);
        Assert.Equal("assisted-worker", entryRow.UserName);
        Assert.Equal("Survey", entryRow.SubjectType);
        Assert.DoesNotMatch(new Regex(@"\d"), entryRow.Summary ?? "");
        Assert.DoesNotContain(cms.AuditEntries.AsNoTracking().Where(a => a.SubjectType == "SurveyResponse").Select(a => a.SubjectId), id => id == response.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // The session is spent: sending again stores nothing more.
        using var again = await AssistedPortal.PostToAsync(staff, b + "/worry", b + "/check");
        Assert.Equal(before + 1, (await _fixture.ResponsesAsync(surveyId)).Count);
    }

    [Fact]
    public async Task A_public_browser_with_no_ticket_and_staff_signed_out_mid_way_do_not_create_assisted_responses()
    {
        var surveyId = await _fixture.SurveyAsync("assisted-signed-out");
        using var staff = await _fixture.StaffAsync("assisted-signout", PortalRoles.Analyst);
        var entry = $"/admin/surveys/{surveyId}/assisted";
        await AssistedPortal.ExpectRedirect(await AssistedPortal.PostToAsync(staff, entry, entry, ("channel", "paper")), "/surveys/assisted-signed-out/worry");

        // Signed out (the staff cookie gone) but the ticket still in the browser: sending is refused, nothing stored.
        var b = "/surveys/assisted-signed-out";
        await AssistedPortal.ExpectRedirect(await AssistedPortal.PostAsync(staff, b + "/worry", ("worry", "very")), b + "/places");
        await AssistedPortal.ExpectRedirect(await AssistedPortal.PostAsync(staff, b + "/places"), b + "/story");
        await AssistedPortal.ExpectRedirect(await AssistedPortal.PostAsync(staff, b + "/story"), b + "/help");
        await AssistedPortal.ExpectRedirect(await AssistedPortal.PostAsync(staff, b + "/help"), b + "/check");
        using (var signOut = await AssistedPortal.PostToAsync(staff, "/admin", "/account/sign-out"))
        {
            Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        }

        using (var refused = await AssistedPortal.PostAsync(staff, b + "/check"))
        {
            Assert.Contains("Sign in again to send this response", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Empty(await _fixture.ResponsesAsync(surveyId));

        // Someone answering online is not marked.
        using var visitor = Portal.Browser();
        await AssistedPortal.CompleteAsync(visitor, "assisted-signed-out", "very", "");
        var only = Assert.Single(await _fixture.ResponsesAsync(surveyId));
        Assert.False(only.Answers.ContainsKey(AssistedMarks.ChannelKey));
        Assert.Equal(new DateOnly(2026, 11, 27), only.Response.ResponseDate);
    }

    [Fact]
    public async Task A_bad_row_refuses_the_whole_paper_file_with_every_problem_listed_and_a_good_file_is_imported_once()
    {
        var surveyId = await _fixture.SurveyAsync("paper-batch");
        using var staff = await _fixture.StaffAsync("paper-worker", PortalRoles.Analyst);
        var bad = string.Join("\n", Header,
            ",2026-11-03,yes,paper,Example Support Service,very,1,0,Dark underpass",
            ",,,,,sometimes,0,0,",
            ",,,,,fairly,2,0,",
            ",2027-01-05,,post,,not-very,0,1,");
        using (var refused = await AssistedPortal.UploadAsync(staff, surveyId, bad))
        {
            var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("Nothing was imported", html, StringComparison.Ordinal);
            Assert.Matches(new Regex(@"<td class=""govuk-table__cell"">3</td>\s*<td class=""govuk-table__cell"">worry</td>\s*<td class=""govuk-table__cell"">[^<]*use one of: very, fairly, not-very, not-at-all"), html);
            Assert.Matches(new Regex(@"<td class=""govuk-table__cell"">4</td>\s*<td class=""govuk-table__cell"">places_park</td>\s*<td class=""govuk-table__cell"">Write 1 if"), html);
            Assert.Matches(new Regex(@"<td class=""govuk-table__cell"">5</td>\s*<td class=""govuk-table__cell"">response_date</td>\s*<td class=""govuk-table__cell"">The date is in the future"), html);
            Assert.Matches(new Regex(@"<td class=""govuk-table__cell"">5</td>\s*<td class=""govuk-table__cell"">response_channel</td>\s*<td class=""govuk-table__cell"">‘post’ is not a way of answering"), html);
        }

        Assert.Empty(await _fixture.ResponsesAsync(surveyId));

        var good = string.Join("\r\n", Header,
            ",2026-11-03,yes,paper,Example Support Service,very,1,0,Dark underpass",
            ",,,,,fairly,0,0,",
            ",3/11/2026,,in-person,,not-very,0,1,");
        using (var imported = await AssistedPortal.UploadAsync(staff, surveyId, good))
        {
            await AssistedPortal.ExpectRedirect(imported, $"/admin/surveys/{surveyId}/assisted");
        }

        Assert.Contains("3 paper responses were added", await staff.GetStringAsync($"/admin/surveys/{surveyId}/assisted"), StringComparison.Ordinal);
        var responses = await _fixture.ResponsesAsync(surveyId);
        Assert.Equal(3, responses.Count);
        Assert.Equal(["paper", "paper", "in-person"], responses.Select(r => r.Answers[AssistedMarks.ChannelKey][0]));
        Assert.Equal(["park"], responses[0].Answers["places"]);
        Assert.Equal(new DateOnly(2026, 11, 1), responses[2].Response.ResponseDate);

        // The same file again, even re-saved with its rows in another order, is refused: it is counted already.
        var resorted = string.Join("\n", Header, ",3/11/2026,,in-person,,not-very,0,1,", ",,,,,fairly,0,0,", ",2026-11-03,yes,paper,Example Support Service,very,1,0,Dark underpass");
        using (var repeat = await AssistedPortal.UploadAsync(staff, surveyId, resorted))
        {
            Assert.Equal(HttpStatusCode.BadRequest, repeat.StatusCode);
            Assert.Contains("already been imported", WebUtility.HtmlDecode(await repeat.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        Assert.Equal(3, (await _fixture.ResponsesAsync(surveyId)).Count);

        await using var scope = Portal.Services.CreateAsyncScope();
        var audit = await scope.ServiceProvider.GetRequiredService<CmsDbContext>().AuditEntries.AsNoTracking().Where(a => a.Action == PaperBatchImporter.AuditAction && a.SubjectId == surveyId).ToListAsync();
        Assert.Equal("paper-worker", Assert.Single(audit).UserName);
    }

    [Fact]
    public async Task A_wrong_or_too_large_file_gets_a_plain_message_and_nothing_is_imported()
    {
        var surveyId = await _fixture.SurveyAsync("paper-wrong");
        using var staff = await _fixture.StaffAsync("paper-wrong-worker", PortalRoles.Analyst);
        var cases = new (byte[] File, string Message)[]
        {
            ([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00], "This is not a CSV file of this survey\u2019s responses"),
            ("name,email\nJo,jo@example.org"u8.ToArray(), "This is not a CSV file of this survey\u2019s responses"),
            ("response_date,worry,colour\n,very,blue"u8.ToArray(), "The column \u2018colour\u2019 is not a column of this survey"),
            (System.Text.Encoding.UTF8.GetBytes(Header + "\n"), "The file has column names but no responses"),
            (new byte[AssistedResponsesController.MaxPaperFile + 10], "The file must be smaller than 2MB"),
        };
        foreach (var (file, message) in cases)
        {
            using var response = await AssistedPortal.UploadAsync(staff, surveyId, file);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(message, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        Assert.Empty(await _fixture.ResponsesAsync(surveyId));
    }

    [Fact]
    public async Task The_export_shows_how_each_response_was_given_and_round_trips_into_another_survey_but_not_back_into_its_own()
    {
        var sourceId = await _fixture.SurveyAsync("round-trip-source");
        var targetId = await _fixture.SurveyAsync("round-trip-target");
        using var staff = await _fixture.StaffAsync("round-trip-worker", PortalRoles.Analyst);
        var paper = string.Join("\n", Header,
            ",2026-11-03,yes,paper,Example Support Service,very,1,0,The underpass",
            ",2026-11-04,yes,phone,,not-at-all,0,1,");
        await AssistedPortal.ExpectRedirect(await AssistedPortal.UploadAsync(staff, sourceId, paper), $"/admin/surveys/{sourceId}/assisted");

        var export = await staff.GetByteArrayAsync($"/admin/surveys/{sourceId}/responses.csv");
        var rows = AssistedPortal.ReadCsv(export);
        Assert.Equal(2, rows.Count);
        Assert.Equal(("yes", "paper", "Example Support Service"), (rows[0]["response_assisted"], rows[0]["response_channel"], rows[0]["response_organisation"]));
        Assert.Equal(("yes", "phone", ""), (rows[1]["response_assisted"], rows[1]["response_channel"], rows[1]["response_organisation"]));
        var codebook = await staff.GetStringAsync($"/admin/surveys/{sourceId}/codebook.csv");
        Assert.Contains("response_channel", codebook, StringComparison.Ordinal);

        // The export is the import's format: into another survey, every response arrives as it was.
        await AssistedPortal.ExpectRedirect(await AssistedPortal.UploadAsync(staff, targetId, export), $"/admin/surveys/{targetId}/assisted");
        var copied = await _fixture.ResponsesAsync(targetId);
        var original = await _fixture.ResponsesAsync(sourceId);
        Assert.Equal(original.Select(r => Flatten(r.Answers)), copied.Select(r => Flatten(r.Answers)));
        Assert.Equal(original.Select(r => r.Response.ResponseDate), copied.Select(r => r.Response.ResponseDate));

        // Back into its own survey it would count twice: its rows name responses already there.
        var targetExport = await staff.GetByteArrayAsync($"/admin/surveys/{targetId}/responses.csv");
        using (var back = await AssistedPortal.UploadAsync(staff, targetId, targetExport))
        {
            Assert.Equal(HttpStatusCode.BadRequest, back.StatusCode);
            Assert.Contains("is already in this survey", WebUtility.HtmlDecode(await back.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        Assert.Equal(2, (await _fixture.ResponsesAsync(targetId)).Count);

        // A response given online exports as not assisted, and cannot be imported as if it had been on paper.
        using var visitor = Portal.Browser();
        await AssistedPortal.CompleteAsync(visitor, "round-trip-source", "very", "");
        var mixed = AssistedPortal.ReadCsv(await staff.GetByteArrayAsync($"/admin/surveys/{sourceId}/responses.csv"));
        Assert.Equal(("no", "", ""), (mixed[^1]["response_assisted"], mixed[^1]["response_channel"], mixed[^1]["response_organisation"]));
    }

    private static string Flatten(Dictionary<string, List<string>> answers) =>
        string.Join("|", answers.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => a.Key + "=" + string.Join(",", a.Value)));

    [Fact]
    public async Task Analysts_filter_the_results_by_how_responses_were_given_and_Editors_do_not()
    {
        var surveyId = await _fixture.SurveyAsync("assisted-results");
        using var staff = await _fixture.StaffAsync("results-worker", PortalRoles.Analyst);
        var paper = string.Join("\n", Header, ",,,paper,,very,0,0,", ",,,paper,,very,0,0,", ",,,phone,,fairly,0,0,");
        await AssistedPortal.ExpectRedirect(await AssistedPortal.UploadAsync(staff, surveyId, paper), $"/admin/surveys/{surveyId}/assisted");
        using (var visitor = Portal.Browser())
        {
            await AssistedPortal.CompleteAsync(visitor, "assisted-results", "not-very", "");
        }

        var results = $"/admin/surveys/{surveyId}/results";
        Assert.Contains("4 people answered the survey.", await staff.GetStringAsync(results), StringComparison.Ordinal);
        Assert.Contains("3 people answered the survey.", await staff.GetStringAsync(results + "?how=assisted"), StringComparison.Ordinal);
        Assert.Contains("2 people answered the survey.", await staff.GetStringAsync(results + "?how=paper"), StringComparison.Ordinal);
        Assert.Contains("1 person answered the survey.", await staff.GetStringAsync(results + "?how=online"), StringComparison.Ordinal);
        var page = await staff.GetStringAsync(results + "?how=phone");
        Assert.Contains("1 person answered the survey.", page, StringComparison.Ordinal);
        Assert.Contains("<option value=\"phone\" selected=\"selected\">", page, StringComparison.Ordinal);
        using (var wrong = await staff.GetAsync(results + "?how=carrier-pigeon"))
        {
            Assert.Contains("Choose how the response was given from the list", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Editors get the one suppressed set of tables: the filter is neither offered nor applied.
        using var editor = await _fixture.StaffAsync("results-editor", PortalRoles.Editor);
        var editorPage = await editor.GetStringAsync(results + "?how=phone");
        Assert.DoesNotContain("name=\"how\"", editorPage, StringComparison.Ordinal);
        Assert.DoesNotContain("1 person answered", editorPage, StringComparison.Ordinal);
    }

}
