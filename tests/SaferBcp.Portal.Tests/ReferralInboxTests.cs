using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Audit;
using SaferBcp.Cms.Data;
using SaferBcp.Cms.Security;
using SaferBcp.Referrals;
using SaferBcp.Referrals.Models;
using SaferBcp.Referrals.Services;

namespace SaferBcp.Portal.Tests;

public sealed class ReferralInboxTests : IClassFixture<ReferralPortal>
{
    private readonly ReferralPortal _portal;

    public ReferralInboxTests(ReferralPortal portal) => _portal = portal;

    [Fact]
    public async Task A_referral_is_stored_encrypted_the_database_file_holds_neither_name_nor_phone()
    {
        const string name = "Zebediah Quartermaine";
        const string phone = "07700 900482";
        var result = await _portal.SubmitAsync("domestic-abuse", ReferralPortal.DomesticAbuseAnswers(name, phone, risks: 4));

        Assert.True(ReferenceGenerator.IsValid(result.Reference), result.Reference);
        Assert.DoesNotContain("working day", result.WhatHappensNextMarkdown, StringComparison.Ordinal);

        await using (var scope = _portal.Services.CreateAsyncScope())
        {
            var referral = await scope.ServiceProvider.GetRequiredService<ReferralsDbContext>().Referrals.SingleAsync(r => r.Reference == result.Reference);
            Assert.Equal(ReferralPriority.Urgent, referral.Priority);
            Assert.Equal(ReferralStatus.New, referral.Status);
            Assert.Equal(await _portal.TeamIdAsync("Domestic abuse team"), referral.TeamId);
            var answers = scope.ServiceProvider.GetRequiredService<ReferralProtector>().UnprotectAnswers(referral.ProtectedAnswers);
            Assert.Contains(answers.Rows, r => r.Answer == name);
        }

        // Write everything from the write-ahead log into the main file, then read the raw bytes.
        await using (var connection = new SqliteConnection($"Data Source={_portal.DatabaseFile};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await command.ExecuteNonQueryAsync();
        }

        var files = Directory.GetFiles(_portal.DataFolder, "portal.db*");
        foreach (var file in files)
        {
            byte[] bytes;
            await using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                using var memory = new MemoryStream();
                await stream.CopyToAsync(memory);
                bytes = memory.ToArray();
            }

            foreach (var secret in new[] { name, phone, "Quartermaine", "900482", "checks my phone" })
            {
                Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)));
                Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(secret)));
            }
        }

        Assert.Contains(await ReadAllAsync(), r => r.Reference == result.Reference);
    }

    [Fact]
    public async Task The_team_is_told_without_personal_data_and_the_person_only_when_email_is_safe()
    {
        var before = _portal.Outbox.Messages.Count;
        var unsafeEmail = await _portal.SubmitAsync("domestic-abuse", ReferralPortal.DomesticAbuseAnswers("Ophelia Marchbanks", "07700 900777", emailOk: "no", email: "ophelia@example.org"));
        var sent = _portal.Outbox.Messages.Skip(before).ToList();
        var team = Assert.Single(sent);
        Assert.Equal("da-team@saferbcp.invalid", team.To);
        Assert.Equal("referral-team-notification", team.Category);
        Assert.Contains(unsafeEmail.Reference, team.TextBody, StringComparison.Ordinal);
        Assert.Contains("/admin/referrals/" + unsafeEmail.Reference, team.TextBody, StringComparison.Ordinal);
        foreach (var secret in new[] { "Ophelia", "Marchbanks", "900777", "ophelia@example.org", "checks my phone", "Poole" })
        {
            Assert.DoesNotContain(secret, team.Subject + team.TextBody, StringComparison.OrdinalIgnoreCase);
        }

        before = _portal.Outbox.Messages.Count;
        var safeEmail = await _portal.SubmitAsync("domestic-abuse", ReferralPortal.DomesticAbuseAnswers("Ophelia Marchbanks", emailOk: "yes", email: "ophelia@example.org"));
        sent = _portal.Outbox.Messages.Skip(before).ToList();
        var acknowledgement = Assert.Single(sent, m => m.Category == "referral-acknowledgement");
        Assert.Equal("ophelia@example.org", acknowledgement.To);
        Assert.Contains(safeEmail.Reference, acknowledgement.TextBody, StringComparison.Ordinal);
        foreach (var subject in new[] { "abuse", "domestic", "referral", "Ophelia" })
        {
            Assert.DoesNotContain(subject, acknowledgement.Subject + acknowledgement.TextBody, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_referral_about_someone_under_18_also_tells_the_childrens_safeguarding_team()
    {
        var before = _portal.Outbox.Messages.Count;
        var result = await _portal.SubmitAsync("domestic-abuse", ReferralPortal.DomesticAbuseAnswers(age: "16-17"));

        Assert.Contains(_portal.Outbox.Messages.Skip(before), m => m.To == "childrens-safeguarding@saferbcp.invalid" && m.TextBody.Contains(result.Reference, StringComparison.Ordinal));
        await using var scope = _portal.Services.CreateAsyncScope();
        var referral = await scope.ServiceProvider.GetRequiredService<ReferralsDbContext>().Referrals.SingleAsync(r => r.Reference == result.Reference);
        Assert.True(referral.Under18);
        Assert.Equal(await _portal.TeamIdAsync("Children's safeguarding team"), referral.CopyTeamId);
    }

    [Fact]
    public async Task The_same_submission_twice_makes_one_referral()
    {
        var key = Guid.NewGuid().ToString("N");
        var first = await _portal.SubmitAsync("up2u", new Dictionary<string, string> { ["in-danger"] = "no", ["age-band"] = "25-34", ["area"] = "bournemouth", ["name"] = "A", ["children"] = "no", ["safe-email-ok"] = "no" }, key);
        var second = await _portal.SubmitAsync("up2u", new Dictionary<string, string> { ["in-danger"] = "no", ["age-band"] = "25-34", ["area"] = "bournemouth", ["name"] = "A", ["children"] = "no", ["safe-email-ok"] = "no" }, key);

        Assert.Equal(first.Reference, second.Reference);
        await using var scope = _portal.Services.CreateAsyncScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<ReferralsDbContext>().Referrals.CountAsync(r => r.SubmissionKey == key));
    }

    [Fact]
    public async Task Team_A_officer_cannot_open_team_B_referral()
    {
        var key = await _portal.CreateOfficerAsync("officer-up2u-only", "Up2U team");
        var daReferral = (await _portal.SubmitAsync("domestic-abuse", ReferralPortal.DomesticAbuseAnswers())).Reference;
        using var client = _portal.Browser();
        await ReferralPortal.SignInWithTwoFactorAsync(client, "officer-up2u-only", key);

        var list = await client.GetStringAsync("/admin/referrals");
        Assert.DoesNotContain(daReferral, list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/admin/referrals/{daReferral}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/admin/referrals/{daReferral}/print")).StatusCode);
        var token = PortalFactory.AntiforgeryToken(list);
        foreach (var (path, fields) in new (string, Dictionary<string, string>)[]
        {
            ("status", new() { ["Status"] = "Closed", ["Outcome"] = "Duplicate referral" }),
            ("notes", new() { ["Text"] = "A note" }),
            ("reassign", new() { ["TeamId"] = (await _portal.TeamIdAsync("Up2U team")).ToString(System.Globalization.CultureInfo.InvariantCulture), ["Reason"] = "Mine now" }),
        })
        {
            fields["__RequestVerificationToken"] = token;
            using var response = await client.PostAsync($"/admin/referrals/{daReferral}/{path}", new FormUrlEncodedContent(fields));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/admin/referrals/SB-2222-22")).StatusCode);
        await using var scope = _portal.Services.CreateAsyncScope();
        var referral = await scope.ServiceProvider.GetRequiredService<ReferralsDbContext>().Referrals.Include(r => r.Notes).SingleAsync(r => r.Reference == daReferral);
        Assert.Equal(ReferralStatus.New, referral.Status);
        Assert.Empty(referral.Notes);
    }

    [Fact]
    public async Task Anonymous_visitors_are_refused_on_every_inbox_route()
    {
        var reference = (await _portal.SubmitAsync("domestic-abuse", ReferralPortal.DomesticAbuseAnswers())).Reference;
        using var client = _portal.Browser();
        foreach (var url in new[] { "/admin/referrals", $"/admin/referrals/{reference}", $"/admin/referrals/{reference}/print", "/admin/referrals/routing" })
        {
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/account/sign-in", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        }

        foreach (var path in new[] { "status", "notes", "reassign" })
        {
            using var response = await client.PostAsync($"/admin/referrals/{reference}/{path}", new FormUrlEncodedContent(new Dictionary<string, string> { ["Text"] = "x" }));
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.BadRequest, $"{path}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task An_officer_triages_a_referral_and_every_step_is_audited()
    {
        var key = await _portal.CreateOfficerAsync("officer-da-triage", "Domestic abuse team");
        var reference = (await _portal.SubmitAsync("domestic-abuse", ReferralPortal.DomesticAbuseAnswers("Persephone Hartwell", risks: 1))).Reference;
        using var client = _portal.Browser();
        await ReferralPortal.SignInWithTwoFactorAsync(client, "officer-da-triage", key);

        Assert.Contains("new referral(s) for your teams", await client.GetStringAsync("/admin"), StringComparison.Ordinal);
        var list = await client.GetAsync("/admin/referrals?status=New");
        Assert.Contains("no-store", list.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Contains(reference, await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var detail = await client.GetStringAsync($"/admin/referrals/{reference}");
        Assert.Contains("Persephone Hartwell", detail, StringComparison.Ordinal);
        Assert.Contains("Rule 2 &#x27;Domestic abuse&#x27;: form is domestic-abuse", detail, StringComparison.Ordinal);

        var print = await client.GetStringAsync($"/admin/referrals/{reference}/print");
        Assert.Contains("Persephone Hartwell", print, StringComparison.Ordinal);
        Assert.DoesNotContain("govuk-service-navigation", print, StringComparison.Ordinal);

        using (var closeWithoutOutcome = await PortalFactory.PostFormAsync(client, $"/admin/referrals/{reference}", $"/admin/referrals/{reference}/status", new Dictionary<string, string> { ["Status"] = "Closed" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, closeWithoutOutcome.StatusCode);
            var html = await closeWithoutOutcome.Content.ReadAsStringAsync();
            Assert.Contains("Select the outcome before closing the referral", html, StringComparison.Ordinal);
            Assert.Contains("<title>Error:", html, StringComparison.Ordinal);
        }

        using (var inProgress = await PortalFactory.PostFormAsync(client, $"/admin/referrals/{reference}", $"/admin/referrals/{reference}/status", new Dictionary<string, string> { ["Status"] = "InProgress" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, inProgress.StatusCode);
        }

        using (var note = await PortalFactory.PostFormAsync(client, $"/admin/referrals/{reference}", $"/admin/referrals/{reference}/notes", new Dictionary<string, string> { ["Text"] = "Called back on the safe number; left no voicemail" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, note.StatusCode);
        }

        using (var close = await PortalFactory.PostFormAsync(client, $"/admin/referrals/{reference}", $"/admin/referrals/{reference}/status", new Dictionary<string, string> { ["Status"] = "Closed", ["Outcome"] = "Support offered and accepted", ["OutcomeDetail"] = "Outreach worker allocated" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, close.StatusCode);
        }

        detail = await client.GetStringAsync($"/admin/referrals/{reference}");
        Assert.Contains("Called back on the safe number", detail, StringComparison.Ordinal);
        Assert.Contains("Closed: Support offered and accepted", detail, StringComparison.Ordinal);

        await using var scope = _portal.Services.CreateAsyncScope();
        var cms = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
        var entries = await cms.AuditEntries.Where(e => e.SubjectId == reference).ToListAsync();
        // Two opened directly, four more as the form page each POST's antiforgery token came from.
        Assert.Equal(6, entries.Count(e => e.Action == "referral.viewed" && e.UserName == "officer-da-triage"));
        Assert.Single(entries, e => e.Action == "referral.printed");
        Assert.Equal(2, entries.Count(e => e.Action == "referral.status-changed"));
        Assert.Single(entries, e => e.Action == "referral.note-added");
        Assert.All(entries, e => Assert.DoesNotContain("Persephone", e.Summary ?? "", StringComparison.Ordinal));
        Assert.All(entries, e => Assert.DoesNotContain("safe number", e.Summary ?? "", StringComparison.Ordinal));

        var referral = await scope.ServiceProvider.GetRequiredService<ReferralsDbContext>().Referrals.SingleAsync(r => r.Reference == reference);
        Assert.Equal(ReferralStatus.Closed, referral.Status);
        Assert.NotNull(referral.ClosedUtc);
    }

    [Fact]
    public async Task A_reassigned_referral_leaves_the_old_team_and_the_new_team_is_told()
    {
        var key = await _portal.CreateOfficerAsync("officer-da-reassign", "Domestic abuse team");
        var reference = (await _portal.SubmitAsync("domestic-abuse", ReferralPortal.DomesticAbuseAnswers())).Reference;
        using var client = _portal.Browser();
        await ReferralPortal.SignInWithTwoFactorAsync(client, "officer-da-reassign", key);
        var before = _portal.Outbox.Messages.Count;

        using (var missingReason = await PortalFactory.PostFormAsync(client, $"/admin/referrals/{reference}", $"/admin/referrals/{reference}/reassign", new Dictionary<string, string> { ["TeamId"] = (await _portal.TeamIdAsync("Up2U team")).ToString(System.Globalization.CultureInfo.InvariantCulture) }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, missingReason.StatusCode);
            Assert.Contains("Enter why you are sending it to another team", await missingReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var reassign = await PortalFactory.PostFormAsync(client, $"/admin/referrals/{reference}", $"/admin/referrals/{reference}/reassign", new Dictionary<string, string>
        {
            ["TeamId"] = (await _portal.TeamIdAsync("Up2U team")).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Reason"] = "The person is asking about their own behaviour",
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, reassign.StatusCode);
            Assert.Equal("/admin/referrals", reassign.Headers.Location!.ToString());
        }

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/admin/referrals/{reference}")).StatusCode);
        Assert.Contains(_portal.Outbox.Messages.Skip(before), m => m.To == "up2u-team@saferbcp.invalid" && m.TextBody.Contains(reference, StringComparison.Ordinal));

        await using var scope = _portal.Services.CreateAsyncScope();
        var audit = await scope.ServiceProvider.GetRequiredService<CmsDbContext>().AuditEntries.Where(e => e.SubjectId == reference && e.Action == "referral.reassigned").ToListAsync();
        Assert.Single(audit);
        Assert.DoesNotContain("own behaviour", audit[0].Summary ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_in_officer_without_two_factor_is_sent_to_set_it_up()
    {
        await _portal.CreateStaffWithoutTwoFactorAsync("officer-no-2fa", Cms.Security.PortalRoles.ReferralOfficer);
        using var client = _portal.Browser();
        await PortalFactory.SignInAsync(client, "officer-no-2fa", PortalFactory.StaffPassword);

        using var response = await client.GetAsync("/admin/referrals");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/two-factor", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_manages_routing_but_does_not_see_referrals()
    {
        var reference = (await _portal.SubmitAsync("domestic-abuse", ReferralPortal.DomesticAbuseAnswers())).Reference;
        using var client = _portal.Browser();
        await PortalFactory.SignInAsync(client, PortalFactory.AdminUser, PortalFactory.AdminPassword);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/referrals/routing")).StatusCode);
        using var detail = await client.GetAsync($"/admin/referrals/{reference}");
        Assert.NotEqual(HttpStatusCode.OK, detail.StatusCode);
    }

    [Fact]
    public async Task Where_would_this_go_shows_the_route_and_the_reason()
    {
        using var client = _portal.Browser();
        await PortalFactory.SignInAsync(client, PortalFactory.AdminUser, PortalFactory.AdminPassword);

        var html = await client.GetStringAsync("/admin/referrals/routing?Run=true&Form=domestic-abuse&Area=Poole&AgeBand=16-17&Risks=4&Children=yes");

        Assert.Contains("Domestic abuse team", html, StringComparison.Ordinal);
        Assert.Contains("Rule 1 &#x27;Domestic abuse, high risk&#x27;: form is domestic-abuse; 4 risk indicators (at least 3)", html, StringComparison.Ordinal);
        Assert.Contains("Children&#x27;s safeguarding team told too", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_officer_is_added_to_a_team_by_choosing_from_the_referral_officers()
    {
        await _portal.CreateStaffAsync("picked-officer", PortalRoles.ReferralOfficer);
        await _portal.CreateStaffAsync("not-an-officer", PortalRoles.Editor);
        using var client = _portal.Browser();
        await PortalFactory.SignInAsync(client, PortalFactory.AdminUser, PortalFactory.AdminPassword);
        using (var created = await PortalFactory.PostFormAsync(client, "/admin/referrals/routing/teams/new", "/admin/referrals/routing/teams/new", new Dictionary<string, string> { ["Name"] = "Pick team", ["Addresses"] = "pick-team@saferbcp.invalid", ["ResponseTime"] = "within a week" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        }

        var teamUrl = $"/admin/referrals/routing/teams/{await _portal.TeamIdAsync("Pick team")}";
        var before = await client.GetStringAsync(teamUrl);
        Assert.Contains("<select class=\"govuk-select\" id=\"userName\" name=\"userName\"", before, StringComparison.Ordinal);
        Assert.Contains("<option value=\"picked-officer\">picked-officer</option>", before, StringComparison.Ordinal);
        Assert.DoesNotContain("not-an-officer", before, StringComparison.Ordinal);

        using (var added = await PortalFactory.PostFormAsync(client, teamUrl, teamUrl + "/members", new Dictionary<string, string> { ["userName"] = "picked-officer" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        var after = await client.GetStringAsync(teamUrl);
        Assert.Contains("picked-officer was added to Pick team", after, StringComparison.Ordinal);
        Assert.DoesNotContain("<option value=\"picked-officer\">", after, StringComparison.Ordinal);

        // Someone without the role cannot be slipped in by posting their name.
        using (var refused = await PortalFactory.PostFormAsync(client, teamUrl, teamUrl + "/members", new Dictionary<string, string> { ["userName"] = "not-an-officer" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        }

        var refusedPage = await client.GetStringAsync(teamUrl);
        Assert.Contains("Choose an officer to add to the team", refusedPage, StringComparison.Ordinal);
        var teamId = await _portal.TeamIdAsync("Pick team");
        await using var scope = _portal.Services.CreateAsyncScope();
        var members = await scope.ServiceProvider.GetRequiredService<ReferralsDbContext>().TeamMembers.Where(m => m.TeamId == teamId).Select(m => m.UserName).ToListAsync();
        Assert.Equal(["picked-officer"], members);
    }

    [Fact]
    public async Task Routing_changes_are_audited()
    {
        using var client = _portal.Browser();
        await PortalFactory.SignInAsync(client, PortalFactory.AdminUser, PortalFactory.AdminPassword);

        using (var invalid = await PortalFactory.PostFormAsync(client, "/admin/referrals/routing/teams/new", "/admin/referrals/routing/teams/new", new Dictionary<string, string> { ["Name"] = "Test team", ["Addresses"] = "not an address", ["ResponseTime"] = "within a week" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
            Assert.Contains("Enter email addresses in the right format", await invalid.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var created = await PortalFactory.PostFormAsync(client, "/admin/referrals/routing/teams/new", "/admin/referrals/routing/teams/new", new Dictionary<string, string> { ["Name"] = "Test team", ["Addresses"] = "test-team@saferbcp.invalid", ["ResponseTime"] = "within a week" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        }

        var teamId = await _portal.TeamIdAsync("Test team");
        using (var rule = await PortalFactory.PostFormAsync(client, "/admin/referrals/routing/rules/new", "/admin/referrals/routing/rules/new", new Dictionary<string, string> { ["Name"] = "Christchurch test", ["Areas"] = "Christchurch", ["TeamId"] = teamId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Priority"] = "Standard" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, rule.StatusCode);
        }

        await using var scope = _portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReferralsDbContext>();
        var created2 = await db.Rules.SingleAsync(r => r.Name == "Christchurch test");
        Assert.Equal(await db.Rules.MaxAsync(r => r.Order), created2.Order);
        var actions = await scope.ServiceProvider.GetRequiredService<CmsDbContext>().AuditEntries.Select(e => e.Action).ToListAsync();
        Assert.Contains("referral-routing.team-created", actions);
        Assert.Contains("referral-routing.rule-created", actions);

        db.Rules.Remove(created2);
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Retention_deletes_closed_referrals_past_their_period_and_keeps_the_rest()
    {
        var oldClosed = (await _portal.SubmitAsync("domestic-abuse", ReferralPortal.DomesticAbuseAnswers())).Reference;
        var recentClosed = (await _portal.SubmitAsync("domestic-abuse", ReferralPortal.DomesticAbuseAnswers())).Reference;
        var oldOpen = (await _portal.SubmitAsync("domestic-abuse", ReferralPortal.DomesticAbuseAnswers())).Reference;
        var now = _portal.Clock.GetUtcNow().UtcDateTime;
        await using (var scope = _portal.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReferralsDbContext>();
            var rows = await db.Referrals.Include(r => r.Notes).Where(r => r.Reference == oldClosed || r.Reference == recentClosed || r.Reference == oldOpen).ToListAsync();
            foreach (var row in rows)
            {
                row.ReceivedUtc = now.AddDays(-500);
                row.Status = row.Reference == oldOpen ? ReferralStatus.InProgress : ReferralStatus.Closed;
                row.ClosedUtc = row.Reference == oldClosed ? now.AddDays(-366) : row.Reference == recentClosed ? now.AddDays(-10) : null;
                row.Notes.Add(new ReferralNote { CreatedUtc = now.AddDays(-400), AuthorName = "x", ProtectedText = "x" });
            }

            await db.SaveChangesAsync();
        }

        await using (var scope = _portal.Services.CreateAsyncScope())
        {
            var provider = scope.ServiceProvider;
            var retention = new ReferralRetention(provider.GetRequiredService<ReferralsDbContext>(), provider.GetRequiredService<PortalDatabase>(), provider.GetRequiredService<AuditLog>(), new FixedClock(now));
            Assert.True(await retention.DeleteExpiredAsync() >= 1);
        }

        await using (var scope = _portal.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReferralsDbContext>();
            var left = await db.Referrals.Select(r => r.Reference).ToListAsync();
            Assert.DoesNotContain(oldClosed, left);
            Assert.Contains(recentClosed, left);
            Assert.Contains(oldOpen, left);
            Assert.Equal(2, await db.Notes.CountAsync(n => db.Referrals.Any(r => r.Id == n.ReferralId && (r.Reference == recentClosed || r.Reference == oldOpen))));
            Assert.Equal(0, await db.Notes.CountAsync(n => !db.Referrals.Any(r => r.Id == n.ReferralId)));
            var audit = await scope.ServiceProvider.GetRequiredService<CmsDbContext>().AuditEntries.Where(e => e.SubjectId == oldClosed && e.Action == "referral.deleted").ToListAsync();
            Assert.Single(audit);
        }
    }

    [Fact]
    public async Task The_refer_yourself_page_lists_the_forms_after_the_999_guidance_and_is_never_cached()
    {
        using var client = _portal.Browser();
        using var response = await client.GetAsync("/refer-yourself");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var danger = html.IndexOf("press 55", StringComparison.Ordinal);
        Assert.True(danger > 0);
        foreach (var slug in new[] { "domestic-abuse", "up2u", "asb-case-review", "sexual-violence-support", "young-person-exploitation", "safe-place" })
        {
            var link = html.IndexOf($"href=\"/refer-yourself/{slug}\"", StringComparison.Ordinal);
            Assert.True(link > danger, slug);
        }
    }

    [Fact]
    public async Task Applying_the_routing_step_again_changes_nothing()
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var recipe = Cms.Recipes.RecipeExecutor.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "recipes", "saferbcp.recipe.json")));
        var step = (System.Text.Json.Nodes.JsonObject)recipe["steps"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == "referral-routing")!;
        var handler = scope.ServiceProvider.GetServices<Cms.Recipes.IRecipeStep>().Single(s => s.Name == "referral-routing");
        var errors = new Cms.Recipes.RecipeErrors("referral-routing", 0);
        handler.Validate(step, errors);
        Assert.Empty(errors.Errors);
        Assert.Equal(0, await handler.ApplyAsync(step, CancellationToken.None));

        var bad = (System.Text.Json.Nodes.JsonObject)step.DeepClone();
        bad["rules"]![0]!["team"] = "No such team";
        bad["urgentRiskThreshold"] = 0;
        bad.Remove("defaultTeam");
        var badErrors = new Cms.Recipes.RecipeErrors("referral-routing", 0);
        handler.Validate(bad, badErrors);
        Assert.Contains(badErrors.Errors, e => e.Field == "rules[0].team");
        Assert.Contains(badErrors.Errors, e => e.Field == "urgentRiskThreshold");
        Assert.Contains(badErrors.Errors, e => e.Field == "defaultTeam");
    }

    private async Task<List<Referral>> ReadAllAsync()
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReferralsDbContext>().Referrals.AsNoTracking().ToListAsync();
    }

    private sealed class FixedClock(DateTime utc) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(utc, TimeSpan.Zero);
    }
}
