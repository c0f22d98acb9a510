using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SaferBcp.Cms.Data;
using SaferBcp.Cms.Security;
using SaferBcp.Surveys;
using SaferBcp.Surveys.Models;
using SaferBcp.Surveys.Services;

namespace SaferBcp.Portal.Tests;

/// <summary>Contact details and answers at rest: encrypted, unlinkable, shown on request, deleted on time.</summary>
public sealed class SurveyPrivacyTests
{
    private static PortalFactory NewPortal() => new PortalFactory().With("Forms:RateLimitPermits", "1000");

    private static async Task<HttpClient> StaffAsync(PortalFactory portal, string userName, string role)
    {
        await portal.CreateStaffAsync(userName, role);
        var client = portal.Browser();
        await PortalFactory.SignInAsync(client, userName, PortalFactory.StaffPassword);
        return client;
    }

    private static async Task<string> AnswerAsync(HttpClient client, string page, params (string Name, string Value)[] fields)
    {
        var html = await client.GetStringAsync(page);
        var values = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).ToList();
        values.Add(new("__RequestVerificationToken", PortalFactory.AntiforgeryToken(html)));
        using var response = await client.PostAsync(page, new FormUrlEncodedContent(values));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.ToString();
    }

    /// <summary>Answers a survey built from <see cref="SurveyPortal.SurveyForm"/> as someone who leaves her email address.</summary>
    private static async Task CompleteWithContactAsync(PortalFactory portal, string slug, string email)
    {
        using var client = portal.Browser();
        var b = "/surveys/" + slug;
        Assert.Equal(b + "/places", await AnswerAsync(client, b + "/worry", ("worry", "fairly")));
        Assert.Equal(b + "/story", await AnswerAsync(client, b + "/places", ("places", "park")));
        Assert.Equal(b + "/help", await AnswerAsync(client, b + "/story", ("story", "Lighting in the park")));
        Assert.Equal(b + "/contact", await AnswerAsync(client, b + "/help", ("help", "yes")));
        Assert.Equal(b + "/check", await AnswerAsync(client, b + "/contact", ("contact-email", email)));
        Assert.Equal(b + "/confirmation", await AnswerAsync(client, b + "/check"));
    }

    [Fact]
    public async Task An_analyst_sees_contact_details_only_on_request_and_each_showing_is_audited_without_the_details()
    {
        await using var portal = NewPortal();
        var surveyId = await portal.PublishFormAsync("Help shape services", SurveyPortal.SurveyForm("shape-services"), new SurveyPart());
        await CompleteWithContactAsync(portal, "shape-services", "shape-services-1@example.org");

        using var analyst = await StaffAsync(portal, "contacts-analyst", PortalRoles.Analyst);
        var page = await analyst.GetStringAsync($"/admin/surveys/{surveyId}");
        Assert.Contains("1 person has left contact details", page, StringComparison.Ordinal);
        Assert.Contains("deleted 24 months after the end of the month", page, StringComparison.Ordinal);
        Assert.Contains("Show contact details", page, StringComparison.Ordinal);
        Assert.DoesNotContain("shape-services-1@example.org", page, StringComparison.Ordinal);

        using var shown = await analyst.PostAsync($"/admin/surveys/{surveyId}/contacts", new FormUrlEncodedContent([new("__RequestVerificationToken", PortalFactory.AntiforgeryToken(page))]));
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Contains("no-store", shown.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var html = await shown.Content.ReadAsStringAsync();
        Assert.Contains("shape-services-1@example.org", html, StringComparison.Ordinal);
        Assert.Contains("November 2026", html, StringComparison.Ordinal);

        // Without the antiforgery token nothing is shown.
        using var forged = await analyst.PostAsync($"/admin/surveys/{surveyId}/contacts", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        await using var scope = portal.Services.CreateAsyncScope();
        var entries = await scope.ServiceProvider.GetRequiredService<CmsDbContext>().AuditEntries.AsNoTracking()
            .Where(e => e.Action == "survey.contacts.viewed").ToListAsync();
        var entry = Assert.Single(entries);
        Assert.Equal("contacts-analyst", entry.UserName);
        Assert.Equal(surveyId, entry.SubjectId);
        Assert.Contains("Help shape services", entry.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("@", entry.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Contact_rows_do_not_reveal_by_their_order_or_date_which_response_they_came_with()
    {
        await using var portal = NewPortal();
        var surveyId = await portal.PublishFormAsync("Order survey", SurveyPortal.SurveyForm("order-survey"), new SurveyPart());
        var sent = Enumerable.Range(0, 8).Select(i => $"order-{i}@example.org").ToList();
        foreach (var email in sent)
        {
            await CompleteWithContactAsync(portal, "order-survey", email);
        }

        await using var scope = portal.Services.CreateAsyncScope();
        var protector = scope.ServiceProvider.GetRequiredService<SurveyProtector>();
        var database = scope.ServiceProvider.GetRequiredService<PortalDatabase>();
        var postgres = database.Provider == DatabaseProvider.Postgres;
        var connection = database.Connection;
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync();
        }

        // The rows as they lie in the table: on SQLite a table without rowid, in the order of its random ids; on
        // PostgreSQL, their physical position (ctid), which follows the order they were written in.
        var stored = new List<(string Email, string Month)>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT \"ProtectedDetails\", CAST(\"ReceivedOn\" AS TEXT) FROM \"Surveys_Contacts\" WHERE \"SurveyContentItemId\" = '{surveyId}' ORDER BY {(postgres ? "ctid" : "\"Id\"")}";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                stored.Add((protector.UnprotectContact(reader.GetString(0)).Email!, reader.GetString(1)));
            }
        }

        Assert.Equal(sent.Order(), stored.Select(s => s.Email).Order());
        Assert.NotEqual(sent, stored.Select(s => s.Email));
        Assert.All(stored, s => Assert.Equal("2026-11-01", s.Month));

        if (postgres)
        {
            // The last response's transaction also wrote every earlier contact again: its id is no longer one contact's.
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM \"Surveys_Contacts\" WHERE xmin = (SELECT xmin FROM \"Surveys_Responses\" WHERE \"Id\" = (SELECT MAX(\"Id\") FROM \"Surveys_Responses\" WHERE \"SurveyContentItemId\" = '{surveyId}'))";
            Assert.Equal(sent.Count, Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task Contact_details_are_deleted_once_their_surveys_retention_period_has_passed()
    {
        await using var portal = NewPortal();
        var shortId = await portal.PublishFormAsync("Six months", SurveyPortal.SurveyForm("six-months"), new SurveyPart { ContactRetentionMonths = 6 });
        var defaultId = await portal.PublishFormAsync("Default retention", SurveyPortal.SurveyForm("default-retention"), new SurveyPart());
        Assert.Single(portal.Services.GetServices<IHostedService>().OfType<SurveyContactRetentionJob>());

        // Today is 27 November 2026 (the test clock).
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SurveysDbContext>();
            var protector = scope.ServiceProvider.GetRequiredService<SurveyProtector>();
            foreach (var (survey, month, email) in new[]
            {
                (shortId, new DateOnly(2026, 4, 1), "april-six@example.org"),
                (shortId, new DateOnly(2026, 5, 1), "may-six@example.org"),
                (defaultId, new DateOnly(2024, 9, 1), "september-two-years@example.org"),
                (defaultId, new DateOnly(2024, 11, 1), "november-two-years@example.org"),
            })
            {
                db.Contacts.Add(new SurveyContact { Id = Guid.NewGuid(), SurveyContentItemId = survey, ReceivedOn = month, ProtectedDetails = protector.ProtectContact(new ContactDetails(null, email, null)) });
            }

            await db.SaveChangesAsync();
        }

        // The job's own first run, at start, may or may not have come after the rows went in: either way, once more finds nothing.
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SurveyContactRetention>().DeleteExpiredAsync();
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<SurveyContactRetention>().DeleteExpiredAsync());
        }

        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var protector = scope.ServiceProvider.GetRequiredService<SurveyProtector>();
            var left = (await scope.ServiceProvider.GetRequiredService<SurveysDbContext>().Contacts.AsNoTracking()
                .Where(c => c.SurveyContentItemId == shortId || c.SurveyContentItemId == defaultId).ToListAsync())
                .Select(c => protector.UnprotectContact(c.ProtectedDetails!).Email).Order().ToList();
            Assert.Equal(["may-six@example.org", "november-two-years@example.org"], left);

            var audit = await scope.ServiceProvider.GetRequiredService<CmsDbContext>().AuditEntries.AsNoTracking()
                .Where(e => e.Action == "survey.contacts.deleted").ToListAsync();
            Assert.Equal(2, audit.Count);
            Assert.Contains(audit, e => e.SubjectId == shortId && e.Summary!.Contains("Deleted 1 contact", StringComparison.Ordinal) && e.Summary.Contains("6 months", StringComparison.Ordinal));
            Assert.Contains(audit, e => e.SubjectId == defaultId && e.Summary!.Contains("24 months", StringComparison.Ordinal));
            Assert.DoesNotContain(audit, e => e.Summary!.Contains('@', StringComparison.Ordinal));
        }

        // The period is the survey's own setting, checked when the survey is saved.
        using var admin = portal.Browser();
        await PortalFactory.SignInAsync(admin, PortalFactory.AdminUser, PortalFactory.AdminPassword);
        var edit = await admin.GetStringAsync($"/admin/content/{shortId}/edit");
        Assert.Matches("name=\"SurveyPart.ContactRetentionMonths\"[^>]*value=\"6\"", edit);
    }

    [Fact]
    public async Task Answers_and_contacts_stored_before_encryption_are_encrypted_at_the_next_start_and_still_exported()
    {
        const string written = "Stored before encryption 4411";
        const string email = "legacy-helper@example.org";
        string surveyId;
        var first = new PortalFactory();
        PortalFactory second;
        await using (first)
        {
            surveyId = await first.PublishFormAsync("Older survey", SurveyPortal.SurveyForm("older-survey"), new SurveyPart { ClosesOn = new DateOnly(2026, 11, 20) });
            await first.Services.GetRequiredService<SurveyDataEncryption>().Done;
            await using (var scope = first.Services.CreateAsyncScope())
            {
                // As a portal from before encryption wrote them.
                var db = scope.ServiceProvider.GetRequiredService<SurveysDbContext>();
                db.Responses.Add(new SurveyResponse { SurveyContentItemId = surveyId, ResponseDate = new DateOnly(2026, 10, 14), AnswersJson = JsonSerializer.Serialize(new Dictionary<string, List<string>> { ["worry"] = ["very"], ["story"] = [written] }) });
                db.Contacts.Add(new SurveyContact { Id = Guid.NewGuid(), SurveyContentItemId = surveyId, ReceivedOn = new DateOnly(2026, 10, 14), LegacyEmail = email, LegacyName = "Legacy Name" });
                await db.SaveChangesAsync();
            }

            Assert.Contains(written, await first.ReadEverythingStoredAsync(), StringComparison.Ordinal);
            second = PortalFactory.Restarted(first);
        }

        await using (second)
        {
            await second.Services.GetRequiredService<SurveyDataEncryption>().Done;
            var stored = await second.ReadEverythingStoredAsync();
            Assert.DoesNotContain(written, stored, StringComparison.Ordinal);
            Assert.DoesNotContain(email, stored, StringComparison.Ordinal);
            Assert.DoesNotContain("Legacy Name", stored, StringComparison.Ordinal);

            await using (var scope = second.Services.CreateAsyncScope())
            {
                var protector = scope.ServiceProvider.GetRequiredService<SurveyProtector>();
                var contact = Assert.Single(await scope.ServiceProvider.GetRequiredService<SurveysDbContext>().Contacts.AsNoTracking().Where(c => c.SurveyContentItemId == surveyId).ToListAsync());
                Assert.Null(contact.LegacyEmail);
                Assert.Null(contact.LegacyName);
                Assert.Equal(new DateOnly(2026, 10, 1), contact.ReceivedOn);
                Assert.Equal(new ContactDetails("Legacy Name", email, null), protector.UnprotectContact(contact.ProtectedDetails!));
            }

            using var analyst = await StaffAsync(second, "legacy-analyst", PortalRoles.Analyst);
            var csv = await analyst.GetStringAsync($"/admin/surveys/{surveyId}/responses.csv");
            Assert.Contains(written, csv, StringComparison.Ordinal);
            Assert.Contains("2026-10-14", csv, StringComparison.Ordinal);
            Assert.Contains("1 person answered the survey", await analyst.GetStringAsync($"/admin/surveys/{surveyId}/results"), StringComparison.Ordinal);
        }
    }
}
