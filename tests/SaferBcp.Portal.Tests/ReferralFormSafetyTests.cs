using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Data;
using SaferBcp.Cms.Security;
using SaferBcp.Forms.Models;
using SaferBcp.Forms.Services;
using SaferBcp.Referrals;
using SaferBcp.Referrals.Services;

namespace SaferBcp.Portal.Tests;

/// <summary>
/// What she types is checked where she types it, so Send cannot fail because of it; a filled hidden field never loses
/// a referral; and referral forms can be changed only by staff allowed to, with every change audited.
/// </summary>
public sealed class ReferralFormSafetyTests
{
    private const string Form = ReferralJourneyTests.Form;

    private static async Task<HttpResponseMessage> PostPageAsync(HttpClient client, string page, Dictionary<string, string> fields)
    {
        var html = await client.GetStringAsync($"{Form}/{page}");
        fields["__RequestVerificationToken"] = PortalFactory.AntiforgeryToken(html);
        return await client.PostAsync($"{Form}/{page}", new FormUrlEncodedContent(fields));
    }

    private static async Task AnswerAsync(HttpClient client, string page, Dictionary<string, string> fields)
    {
        using var response = await PostPageAsync(client, page, fields);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"the '{page}' page refused the answers: {(int)response.StatusCode}");
    }

    private static async Task AnswerUpToEmailAsync(HttpClient client, string name)
    {
        await AnswerAsync(client, "danger", new() { ["in-danger"] = "no" });
        await AnswerAsync(client, "about-you", new() { ["name"] = name, ["area"] = "poole", ["age-band"] = "25-34" });
        await AnswerAsync(client, "children", new() { ["children"] = "no" });
        await AnswerAsync(client, "safety", new()
        {
            ["risk-injured"] = "no", ["risk-frightened"] = "no", ["risk-strangled"] = "no",
            ["risk-threatened-kill"] = "no", ["risk-getting-worse"] = "no", ["risk-separation"] = "no",
        });
        await AnswerAsync(client, "what-is-happening", new() { ["what-is-happening"] = "He reads my messages" });
        await AnswerAsync(client, "contact-phone", new() { ["safe-phone"] = "01202 123456", ["safe-voicemail"] = "no", ["safe-text"] = "no" });
        await AnswerAsync(client, "contact-email-ok", new() { ["safe-email-ok"] = "yes" });
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, params (string Name, string Value)[] extra)
    {
        var check = await client.GetStringAsync($"{Form}/check");
        var fields = extra.ToDictionary(f => f.Name, f => f.Value);
        fields["__RequestVerificationToken"] = PortalFactory.AntiforgeryToken(check);
        return await client.PostAsync($"{Form}/check", new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task An_address_the_outbox_would_refuse_is_refused_on_its_page_and_an_unusual_valid_one_is_emailed()
    {
        const string unusual = "\"jo smith\"@example.org";
        await using var smtp = await LoopbackSmtpServer.StartNewAsync();
        var portal = new PortalFactory()
            .With("Email:PollInterval", "00:00:00.100")
            .With("Forms:RateLimitPermits", "1000");
        foreach (var (key, value) in smtp.Settings)
        {
            portal.With(key, value);
        }

        await using (portal)
        {
            using var resident = portal.Browser();
            await AnswerUpToEmailAsync(resident, "Ottilie Parenthesis");

            // The old pattern let this through, and the outbox then threw inside the submit: now she is told on the page.
            using (var refused = await PostPageAsync(resident, "contact-email", new() { ["safe-email"] = "jo(home@example.org" }))
            {
                Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
                var html = await refused.Content.ReadAsStringAsync();
                Assert.Contains("There is a problem", html, StringComparison.Ordinal);
                Assert.Contains("Enter an email address in the correct format, like name@example.com", html, StringComparison.Ordinal);
                Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
            }

            using (var check = await resident.GetAsync($"{Form}/check"))
            {
                Assert.Equal(HttpStatusCode.Redirect, check.StatusCode);
                Assert.EndsWith("/contact-email", check.Headers.Location!.ToString(), StringComparison.Ordinal);
            }

            await AnswerAsync(resident, "contact-email", new() { ["safe-email"] = unusual });
            await AnswerAsync(resident, "contact-times", new() { ["safe-times"] = "Evenings", ["someone-else"] = "" });
            using (var sent = await SendAsync(resident))
            {
                Assert.Equal($"{Form}/confirmation", sent.Headers.Location!.ToString());
            }

            var reference = ReferralPortal.Reference(await resident.GetStringAsync($"{Form}/confirmation"));
            Assert.NotEqual("", reference);

            var messages = await smtp.WaitForMessagesAsync(2, TimeSpan.FromSeconds(30));
            Assert.Contains(messages, m => m.To.Mailboxes.Any(a => a.Address == unusual) && (m.TextBody ?? "").Contains(reference, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_referral_with_the_hidden_field_filled_is_kept_routed_and_shown_to_officers_as_possibly_automated()
    {
        await using var portal = new ReferralPortal();
        using var resident = portal.Browser();
        await AnswerUpToEmailAsync(resident, "Aurelia Autofill");
        await AnswerAsync(resident, "contact-email", new() { ["safe-email"] = "aurelia@example.org" });
        await AnswerAsync(resident, "contact-times", new() { ["safe-times"] = "Evenings", ["someone-else"] = "" });
        using (var sent = await SendAsync(resident, (FormFields.Honeypot, "Aurelia Autofill")))
        {
            Assert.Equal($"{Form}/confirmation", sent.Headers.Location!.ToString());
        }

        var reference = ReferralPortal.Reference(await resident.GetStringAsync($"{Form}/confirmation"));
        Assert.NotEqual("", reference);

        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var referral = await scope.ServiceProvider.GetRequiredService<ReferralsDbContext>().Referrals.SingleAsync(r => r.Reference == reference);
            Assert.True(referral.PossiblyAutomated);
            Assert.Equal(await portal.TeamIdAsync("Domestic abuse team"), referral.TeamId);
        }

        Assert.Contains(portal.Outbox.Messages, m => m.Category == ReferralTemplates.TeamNotification && (m.TextBody ?? "").Contains(reference, StringComparison.Ordinal));

        var key = await portal.CreateOfficerAsync("hidden-field-officer", "Domestic abuse team");
        using var officer = portal.Browser();
        await ReferralPortal.SignInWithTwoFactorAsync(officer, "hidden-field-officer", key);
        var inbox = await officer.GetStringAsync("/admin/referrals");
        var row = inbox[inbox.IndexOf(reference, StringComparison.Ordinal)..];
        Assert.Contains("Possible automated submission", row[..row.IndexOf("</tr>", StringComparison.Ordinal)], StringComparison.Ordinal);
        var detail = await officer.GetStringAsync("/admin/referrals/" + reference);
        Assert.Contains("Possible automated submission", detail, StringComparison.Ordinal);
        Assert.Contains("Aurelia Autofill", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_editor_cannot_remove_a_risk_indicator_or_change_the_kind_of_a_referral_form_but_an_administrator_can_and_it_is_audited()
    {
        await using var portal = new ReferralPortal();
        var (id, form) = await ReferralFormAsync(portal, "domestic-abuse");
        var risk = form.Pages.SelectMany(p => p.Questions).First(q => q.Tag == AnswerTags.RiskIndicator);

        using var editor = portal.Browser();
        await SignInWithTwoFactorAsync(portal, editor, "form-guard-editor", PortalRoles.Editor);

        // Ordinary pages stay the editor's to change.
        var pageId = await FirstIdAsync(portal, "Page");
        var pageEdit = await editor.GetStringAsync($"/admin/content/{pageId}/edit");
        Assert.Contains("TitlePart.Title", pageEdit, StringComparison.Ordinal);

        var untagged = EditorFields(form, q => q.Id == risk.Id ? "" : q.Tag);
        using (var refused = await PostEditAsync(editor, id, untagged))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("Only staff with permission to manage referral forms", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var survey = EditorFields(form);
        survey["FormPart.Kind"] = "survey";
        using (var refused = await PostEditAsync(editor, id, survey))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        var (_, unchanged) = await ReferralFormAsync(portal, "domestic-abuse", latest: true);
        Assert.Equal(ReferralKind.Name, unchanged.Kind);
        Assert.Equal(AnswerTags.RiskIndicator, unchanged.Pages.SelectMany(p => p.Questions).Single(q => q.Id == risk.Id).Tag);

        // Wording around the questions is still the editor's.
        var intro = EditorFields(form);
        intro["FormPart.IntroMarkdown"] = form.IntroMarkdown + "\n\nUpdated by communications.";
        using (var saved = await PostEditAsync(editor, id, intro))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        // An administrator signed in with two-factor authentication may, and the audit log says what it was and what it is.
        using var admin = portal.Browser();
        await SignInWithTwoFactorAsync(portal, admin, "form-guard-admin", PortalRoles.Administrator);
        using (var saved = await PostEditAsync(admin, id, untagged))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var (_, changed) = await ReferralFormAsync(portal, "domestic-abuse", latest: true);
        Assert.Null(changed.Pages.SelectMany(p => p.Questions).Single(q => q.Id == risk.Id).Tag);

        await using var scope = portal.Services.CreateAsyncScope();
        var entry = await scope.ServiceProvider.GetRequiredService<CmsDbContext>().AuditEntries.AsNoTracking()
            .Where(e => e.Action == "referral-form.changed" && e.SubjectId == id).OrderByDescending(e => e.Id).FirstAsync();
        Assert.Equal("form-guard-admin", entry.UserName);
        Assert.Contains($"question {risk.Id} tag: \"{AnswerTags.RiskIndicator}\" → (none)", entry.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_two_factor_authentication_not_even_an_administrator_can_change_a_referral_form()
    {
        await using var portal = new ReferralPortal();
        var (id, _) = await ReferralFormAsync(portal, "domestic-abuse", latest: true);
        await using var scope = portal.Services.CreateAsyncScope();
        var content = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var http = scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>();
        ContentItem Changed(ContentItem item)
        {
            var part = ReferralForms.Part(item)!;
            part.Kind = "survey";
            return item.Apply(part);
        }

        List<Claim> claims = [new(ClaimTypes.Name, "password-only-admin"), new(ClaimTypes.Role, PortalRoles.Administrator)];
        http.HttpContext = new DefaultHttpContext { User = new ClaimsPrincipal(new ClaimsIdentity(claims, "test")) };
        var latest = (await content.GetAsync(id, VersionOptions.Latest))!;
        var refused = await Assert.ThrowsAsync<ContentValidationException>(() => content.SaveDraftAsync(Changed(latest), "password-only-admin"));
        Assert.Contains("two-factor authentication", refused.Message, StringComparison.Ordinal);

        claims.Add(new(PortalClaimsFactory.TwoFactorEnabledClaim, "true"));
        http.HttpContext = new DefaultHttpContext { User = new ClaimsPrincipal(new ClaimsIdentity(claims, "test")) };
        await content.SaveDraftAsync(Changed((await content.GetAsync(id, VersionOptions.Latest))!), "password-only-admin");
        Assert.Equal("survey", ReferralForms.Part((await content.GetAsync(id, VersionOptions.Latest))!)!.Kind);
    }

    private static async Task SignInWithTwoFactorAsync(ReferralPortal portal, HttpClient client, string userName, string role)
    {
        await portal.CreateStaffAsync(userName, role);
        await PortalFactory.SignInAsync(client, userName, PortalFactory.StaffPassword);
    }

    private static async Task<string> FirstIdAsync(ReferralPortal portal, string contentType)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ContentManager>().Query().Where(c => c.Latest && c.ContentType == contentType).Select(c => c.ContentItemId).FirstAsync();
    }

    private static async Task<(string Id, FormPart Form)> ReferralFormAsync(ReferralPortal portal, string slug, bool latest = false)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var items = await scope.ServiceProvider.GetRequiredService<ContentManager>().Query()
            .Where(c => c.ContentType == ReferralForms.FormContentType && (latest ? c.Latest : c.Published)).ToListAsync();
        var item = items.Single(i => ReferralForms.Part(i)?.Slug == slug);
        return (item.ContentItemId, ReferralForms.Part(item)!);
    }

    private static async Task<HttpResponseMessage> PostEditAsync(HttpClient client, string id, Dictionary<string, string> fields) =>
        await PortalFactory.PostFormAsync(client, $"/admin/content/{id}/edit", $"/admin/content/{id}/edit", fields);

    /// <summary>The form editor's fields for a form as it stands, as the editor page would post them.</summary>
    private static Dictionary<string, string> EditorFields(FormPart form, Func<FormQuestion, string?>? tag = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["TitlePart.Title"] = "Domestic abuse self-referral",
            ["FormPart.Kind"] = form.Kind,
            ["FormPart.Slug"] = form.Slug,
            ["FormPart.IntroMarkdown"] = form.IntroMarkdown,
            ["FormPart.WhatHappensNextMarkdown"] = form.WhatHappensNextMarkdown,
            ["FormPart.SentHeading"] = form.SentHeading ?? "",
            ["FormPart.PageCount"] = form.Pages.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        for (var i = 0; i < form.Pages.Count; i++)
        {
            var page = form.Pages[i];
            var p = $"FormPart.Pages[{i}]";
            fields[p + ".Id"] = page.Id;
            fields[p + ".Title"] = page.Title;
            fields[p + ".InterruptionMarkdown"] = page.InterruptionMarkdown ?? "";
            fields[p + ".EndsJourney"] = page.EndsJourney ? "true" : "false";
            fields[p + ".ConditionCount"] = page.ShowWhen.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            for (var c = 0; c < page.ShowWhen.Count; c++)
            {
                fields[$"{p}.ShowWhen[{c}].QuestionId"] = page.ShowWhen[c].QuestionId;
                fields[$"{p}.ShowWhen[{c}].Operator"] = page.ShowWhen[c].Operator.ToString();
                fields[$"{p}.ShowWhen[{c}].Values"] = string.Join(",", page.ShowWhen[c].Values);
            }

            fields[p + ".QuestionCount"] = page.Questions.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            for (var j = 0; j < page.Questions.Count; j++)
            {
                var q = page.Questions[j];
                var f = $"{p}.Questions[{j}]";
                fields[f + ".Id"] = q.Id;
                fields[f + ".Type"] = q.Type.ToString();
                fields[f + ".Label"] = q.Label;
                fields[f + ".Hint"] = q.Hint ?? "";
                fields[f + ".ShortName"] = q.ShortName ?? "";
                fields[f + ".Required"] = q.Required ? "true" : "false";
                fields[f + ".MinLength"] = q.MinLength?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";
                fields[f + ".MaxLength"] = q.MaxLength?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";
                fields[f + ".Min"] = q.Min?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";
                fields[f + ".Max"] = q.Max?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";
                fields[f + ".DateRule"] = q.DateRule.ToString();
                fields[f + ".Options"] = FormEditor.FormatOptions(q.Options);
                fields[f + ".Tag"] = (tag is null ? q.Tag : tag(q)) ?? "";
                fields[f + ".Personal"] = q.Personal ? "true" : "false";
            }
        }

        return fields;
    }
}
