using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using SaferBcp.Cms.Audit;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Data;
using SaferBcp.Cms.Security;
using SaferBcp.Forms.Models;

namespace SaferBcp.Referrals.Services;

/// <summary>
/// Guards referral forms in the kernel's content editor: changing a referral form's questions, risk-indicator
/// tags, kind or address (what routing rules match on), or making a form a referral form, needs
/// <see cref="Permissions.ManageReferralForms"/> and a signed-in session with two-factor authentication. Its wording
/// (intro, what happens next, sent heading, title) stays open to editors. Each guarded change is audited with
/// what it was before and after. Work without a signed-in user (the setup recipe, timed jobs) is the system's own.
/// </summary>
public sealed class ReferralFormGuard : IContentValidator, IContentHandler
{
    public const string RefusedMessage = "Only staff with permission to manage referral forms, signed in with two-factor authentication, can change a referral form's questions, risk indicators, kind or address. Ask an administrator";

    private readonly CmsDbContext _db;
    private readonly IHttpContextAccessor _http;
    private readonly IAuthorizationService _authorization;
    private readonly AuditLog _audit;

    /// <summary>The version each guarded change replaces, by item, from validation until the draft is saved.</summary>
    private readonly Dictionary<string, FormPart?> _before = new(StringComparer.Ordinal);

    public ReferralFormGuard(CmsDbContext db, IHttpContextAccessor http, IAuthorizationService authorization, AuditLog audit)
    {
        _db = db;
        _http = http;
        _authorization = authorization;
        _audit = audit;
    }

    public async Task ValidateAsync(ContentItem item, ContentValidationResult result)
    {
        if (item.ContentType != ReferralForms.FormContentType || ReferralForms.Part(item) is not { } after)
        {
            return;
        }

        var stored = await _db.ContentItems.AsNoTracking().FirstOrDefaultAsync(c => c.ContentItemId == item.ContentItemId && c.Latest);
        var before = stored is null ? null : ReferralForms.Part(stored);
        var isReferralForm = after.Kind == ReferralKind.Name || before?.Kind == ReferralKind.Name;
        if (!isReferralForm || Shape(before) == Shape(after))
        {
            return;
        }

        if (_http.HttpContext?.User is { Identity.IsAuthenticated: true } user && !await MayChangeAsync(user))
        {
            result.Add("FormPart.Kind", RefusedMessage);
            return;
        }

        _before[item.ContentItemId] = before;
    }

    public async Task DraftSavedAsync(ContentItem item)
    {
        if (!_before.Remove(item.ContentItemId, out var before) || ReferralForms.Part(item) is not { } after)
        {
            return;
        }

        var changes = ReferralFormChanges.Describe(before, after);
        await _audit.WriteAsync("referral-form.changed", ReferralForms.FormContentType, item.ContentItemId, $"Referral form \"{item.DisplayText}\", draft version {item.Version}: {string.Join("; ", changes)}");
    }

    private async Task<bool> MayChangeAsync(ClaimsPrincipal user) =>
        user.HasClaim(PortalClaimsFactory.TwoFactorEnabledClaim, "true") && (await _authorization.AuthorizeAsync(user, Permissions.ManageReferralForms)).Succeeded;

    /// <summary>What routing and urgency depend on: everything but the wording around the questions.</summary>
    private static string Shape(FormPart? part) =>
        part is null ? "" : JsonSerializer.Serialize(new { part.Kind, part.Slug, part.Pages });
}

/// <summary>A referral form's change in words, before → after, for the audit log.</summary>
public static class ReferralFormChanges
{
    public static IReadOnlyList<string> Describe(FormPart? before, FormPart after)
    {
        if (before is null)
        {
            return [$"created as kind {Name(after.Kind)} at {Name(after.Slug)} with {Questions(after).Count()} questions, risk indicators and other tags: {Tags(after)}"];
        }

        var changes = new List<string>();
        void Compare(string what, string? was, string? now)
        {
            if (!string.Equals(was ?? "", now ?? "", StringComparison.Ordinal))
            {
                changes.Add($"{what}: {Name(was)} → {Name(now)}");
            }
        }

        Compare("kind", before.Kind, after.Kind);
        Compare("address", before.Slug, after.Slug);
        Compare("pages", string.Join(", ", before.Pages.Select(p => p.Id)), string.Join(", ", after.Pages.Select(p => p.Id)));
        foreach (var page in after.Pages)
        {
            if (before.Pages.FirstOrDefault(p => p.Id == page.Id) is { } old)
            {
                Compare($"page {page.Id} shown when", Conditions(old), Conditions(page));
                Compare($"page {page.Id} ends the form", old.EndsJourney.ToString(), page.EndsJourney.ToString());
            }
        }

        var was = Questions(before).ToDictionary(q => q.Id, StringComparer.Ordinal);
        var now = Questions(after).ToDictionary(q => q.Id, StringComparer.Ordinal);
        foreach (var removed in was.Keys.Except(now.Keys))
        {
            changes.Add($"question {removed} removed (tag {Name(was[removed].Tag)})");
        }

        foreach (var (id, question) in now)
        {
            if (!was.TryGetValue(id, out var old))
            {
                changes.Add($"question {id} added (tag {Name(question.Tag)})");
                continue;
            }

            Compare($"question {id} tag", old.Tag, question.Tag);
            Compare($"question {id} type", old.Type.ToString(), question.Type.ToString());
            Compare($"question {id} wording", old.Label, question.Label);
            Compare($"question {id} required", old.Required.ToString(), question.Required.ToString());
            Compare($"question {id} options", string.Join(", ", old.Options.Select(o => o.Value)), string.Join(", ", question.Options.Select(o => o.Value)));
            if (changes.Count == 0 && JsonSerializer.Serialize(old) != JsonSerializer.Serialize(question))
            {
                changes.Add($"question {id}: hint, limits or other settings changed");
            }
        }

        return changes.Count > 0 ? changes : ["question order changed"];
    }

    private static IEnumerable<FormQuestion> Questions(FormPart part) => part.Pages.SelectMany(p => p.Questions);

    private static string Tags(FormPart part) =>
        string.Join(", ", Questions(part).Where(q => !string.IsNullOrEmpty(q.Tag)).Select(q => $"{q.Id}={q.Tag}")) is { Length: > 0 } tags ? tags : "none";

    private static string Conditions(FormPage page) =>
        string.Join(" and ", page.ShowWhen.Select(c => $"{c.QuestionId} {c.Operator} {string.Join("/", c.Values)}"));

    private static string Name(string? value) => string.IsNullOrEmpty(value) ? "(none)" : $"\"{value}\"";
}
