using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SaferBcp.Cms.Audit;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Controllers;
using SaferBcp.Cms.Data;
using SaferBcp.Cms.Security;
using SaferBcp.Referrals.Models;
using SaferBcp.Referrals.Services;

namespace SaferBcp.Referrals.Controllers;

/// <summary>
/// The officers' inbox. A referral not sent to one of the officer's teams is answered exactly as one that does
/// not exist (404), on every route. Every view, print, status change, note and reassignment is audited by
/// reference only. There is deliberately no export.
/// </summary>
[Route("admin/referrals")]
[Authorize(Policy = Permissions.ViewReferrals)]
public sealed class AdminReferralsController : AdminControllerBase
{
    private readonly ReferralInbox _inbox;
    private readonly ReferralsDbContext _db;
    private readonly ReferralProtector _protector;
    private readonly ReferralForms _forms;
    private readonly PortalDatabase _database;
    private readonly AuditLog _audit;
    private readonly TimeProvider _clock;
    private readonly IEnumerable<ReferralAction> _actions;
    private readonly IAuthorizationService _authorization;

    public AdminReferralsController(ReferralInbox inbox, ReferralsDbContext db, ReferralProtector protector, ReferralForms forms, PortalDatabase database, AuditLog audit, TimeProvider clock, IEnumerable<ReferralAction> actions, IAuthorizationService authorization)
    {
        _actions = actions;
        _authorization = authorization;
        _inbox = inbox;
        _db = db;
        _protector = protector;
        _forms = forms;
        _database = database;
        _audit = audit;
        _clock = clock;
    }

    [HttpGet("")]
    public async Task<IActionResult> Index(string? status, string? priority, string? form, string? from, string? to, int page = 1)
    {
        if (RequireTwoFactor() is { } redirect)
        {
            return redirect;
        }

        var errors = new Dictionary<string, string>();
        var fromDate = ParseDate(from, "from", "Enter the 'received from' date as day/month/year, like 27/11/2026", errors);
        var toDate = ParseDate(to, "to", "Enter the 'received to' date as day/month/year, like 27/11/2026", errors);
        var filter = new InboxFilter(
            Enum.TryParse<ReferralStatus>(status, out var s) ? s : null,
            Enum.TryParse<ReferralPriority>(priority, out var p) ? p : null,
            string.IsNullOrWhiteSpace(form) ? null : form,
            fromDate is { } f ? UkTime.ToUtc(f.ToDateTime(TimeOnly.MinValue)) : null,
            toDate is { } t ? UkTime.ToUtc(t.AddDays(1).ToDateTime(TimeOnly.MinValue)) : null,
            page);
        foreach (var (key, message) in errors)
        {
            ModelState.AddModelError(key, message);
        }

        var result = await _inbox.ListAsync(User, filter);
        await _audit.WriteAsync("referral.inbox-listed", "ReferralInbox", null, InboxAuditSummary(filter, result));
        var teams = await _db.Teams.AsNoTracking().ToDictionaryAsync(x => x.Id, x => x.Name);
        ViewData["Title"] = "Referrals";
        return View("~/Views/AdminReferrals/Index.cshtml", new InboxModel(result, teams, await _forms.AllAsync(), status, priority, form, from, to, errors));
    }

    [HttpGet("{reference}")]
    public async Task<IActionResult> Detail(string reference)
    {
        if (RequireTwoFactor() is { } redirect)
        {
            return redirect;
        }

        var referral = await _inbox.FindAsync(User, reference, withDetails: true);
        if (referral is null)
        {
            return NotFound();
        }

        await _audit.WriteAsync("referral.viewed", "Referral", referral.Reference);
        ViewData["Title"] = $"Referral {referral.Reference}";
        return View("~/Views/AdminReferrals/Detail.cshtml", await BuildAsync(referral));
    }

    [HttpGet("{reference}/print")]
    public async Task<IActionResult> Print(string reference)
    {
        if (RequireTwoFactor() is { } redirect)
        {
            return redirect;
        }

        var referral = await _inbox.FindAsync(User, reference, withDetails: true);
        if (referral is null)
        {
            return NotFound();
        }

        await _audit.WriteAsync("referral.printed", "Referral", referral.Reference);
        ViewData["Title"] = $"Referral {referral.Reference}";
        return View("~/Views/AdminReferrals/Print.cshtml", await BuildAsync(referral));
    }

    [HttpPost("{reference}/status")]
    public async Task<IActionResult> Status(string reference, StatusForm form)
    {
        if (RequireTwoFactor() is { } redirect)
        {
            return redirect;
        }

        var referral = await _inbox.FindAsync(User, reference, withDetails: true);
        if (referral is null)
        {
            return NotFound();
        }

        if (!Enum.TryParse<ReferralStatus>(form.Status, out var status) || status == ReferralStatus.New)
        {
            ModelState.AddModelError(nameof(StatusForm.Status), "Select what to do with the referral");
        }
        else if (status == ReferralStatus.Closed && !ReferralOutcomes.All.Contains(form.Outcome))
        {
            ModelState.AddModelError(nameof(StatusForm.Outcome), "Select the outcome before closing the referral");
        }
        else if (status == ReferralStatus.Closed && form.Outcome == "Other" && string.IsNullOrWhiteSpace(form.OutcomeDetail))
        {
            ModelState.AddModelError(nameof(StatusForm.OutcomeDetail), "Describe the outcome");
        }
        else if (status == referral.Status)
        {
            ModelState.AddModelError(nameof(StatusForm.Status), $"The referral is already {ReferralStatusNames.Label(status).ToLowerInvariant()}");
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = 400;
            ViewData["Title"] = $"Referral {referral.Reference}";
            var model = await BuildAsync(referral);
            return View("~/Views/AdminReferrals/Detail.cshtml", model with { StatusForm = form });
        }

        var now = _clock.GetUtcNow().UtcDateTime;
        await using var transaction = await _database.BeginTransactionAsync();
        var before = referral.Status;
        referral.Status = status;
        referral.UpdatedUtc = now;
        if (status == ReferralStatus.Closed)
        {
            referral.ClosedUtc = now;
            referral.Outcome = form.Outcome;
            referral.ProtectedOutcomeDetail = string.IsNullOrWhiteSpace(form.OutcomeDetail) ? null : _protector.Protect(form.OutcomeDetail.Trim());
        }
        else
        {
            referral.ClosedUtc = null;
        }

        var description = status == ReferralStatus.Closed ? $"Closed: {form.Outcome}" : $"Status changed from {ReferralStatusNames.Label(before)} to {ReferralStatusNames.Label(status)}";
        referral.Events.Add(new ReferralEvent { OccurredUtc = now, Description = description, UserName = CurrentUserName ?? "" });
        await _db.SaveChangesAsync();
        await _audit.WriteAsync("referral.status-changed", "Referral", referral.Reference, $"{before} to {status}" + (status == ReferralStatus.Closed ? $" ({form.Outcome})" : ""));
        await transaction.CommitAsync();
        Notice(status == ReferralStatus.Closed ? "The referral was closed" : $"The referral is now {ReferralStatusNames.Label(status).ToLowerInvariant()}");
        return Redirect($"/admin/referrals/{referral.Reference}");
    }

    [HttpPost("{reference}/notes")]
    public async Task<IActionResult> AddNote(string reference, NoteForm form)
    {
        if (RequireTwoFactor() is { } redirect)
        {
            return redirect;
        }

        var referral = await _inbox.FindAsync(User, reference, withDetails: true);
        if (referral is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = 400;
            ViewData["Title"] = $"Referral {referral.Reference}";
            return View("~/Views/AdminReferrals/Detail.cshtml", (await BuildAsync(referral)) with { NoteForm = form });
        }

        var now = _clock.GetUtcNow().UtcDateTime;
        await using var transaction = await _database.BeginTransactionAsync();
        referral.Notes.Add(new ReferralNote { CreatedUtc = now, AuthorName = CurrentUserName ?? "", ProtectedText = _protector.Protect(form.Text!.Trim()) });
        referral.Events.Add(new ReferralEvent { OccurredUtc = now, Description = "Note added", UserName = CurrentUserName ?? "" });
        referral.UpdatedUtc = now;
        await _db.SaveChangesAsync();
        await _audit.WriteAsync("referral.note-added", "Referral", referral.Reference);
        await transaction.CommitAsync();
        Notice("Your note was added");
        return Redirect($"/admin/referrals/{referral.Reference}#notes");
    }

    [HttpPost("{reference}/reassign")]
    public async Task<IActionResult> Reassign(string reference, ReassignForm form, [FromServices] ReferralNotifier notifier)
    {
        if (RequireTwoFactor() is { } redirect)
        {
            return redirect;
        }

        var referral = await _inbox.FindAsync(User, reference, withDetails: true);
        if (referral is null)
        {
            return NotFound();
        }

        var target = form.TeamId is { } id ? await _db.Teams.FirstOrDefaultAsync(t => t.Id == id) : null;
        if (target is null)
        {
            ModelState.AddModelError(nameof(ReassignForm.TeamId), "Select the team to send the referral to");
        }
        else if (target.Id == referral.TeamId)
        {
            ModelState.AddModelError(nameof(ReassignForm.TeamId), "The referral is already with this team. Select another team");
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = 400;
            ViewData["Title"] = $"Referral {referral.Reference}";
            return View("~/Views/AdminReferrals/Detail.cshtml", (await BuildAsync(referral)) with { ReassignForm = form });
        }

        var now = _clock.GetUtcNow().UtcDateTime;
        var from = await _db.Teams.AsNoTracking().Where(t => t.Id == referral.TeamId).Select(t => t.Name).FirstOrDefaultAsync() ?? "another team";
        await using var transaction = await _database.BeginTransactionAsync();
        referral.TeamId = target!.Id;
        referral.UpdatedUtc = now;
        referral.Events.Add(new ReferralEvent
        {
            OccurredUtc = now,
            Description = $"Reassigned from {from} to {target.Name}",
            UserName = CurrentUserName ?? "",
            ProtectedDetail = _protector.Protect(form.Reason!.Trim()),
        });
        await _db.SaveChangesAsync();
        await notifier.NotifyTeamAsync(referral, target);
        await _audit.WriteAsync("referral.reassigned", "Referral", referral.Reference, $"To team {target.Id}");
        await transaction.CommitAsync();
        Notice($"The referral was sent to {target.Name}");
        var stillVisible = await _inbox.FindAsync(User, referral.Reference) is not null;
        return Redirect(stillVisible ? $"/admin/referrals/{referral.Reference}" : "/admin/referrals");
    }

    private RedirectResult? RequireTwoFactor() =>
        User.HasClaim(PortalClaimsFactory.TwoFactorEnabledClaim, "true") ? null : Redirect("/account/two-factor?required=true");

    private async Task<ReferralDetailModel> BuildAsync(Referral referral)
    {
        var teams = await _db.Teams.AsNoTracking().OrderBy(t => t.Name).ToListAsync();
        var actions = new List<ReferralAction>();
        foreach (var action in _actions.Where(a => a.FormSlug == referral.FormSlug))
        {
            if ((await _authorization.AuthorizeAsync(User, action.Permission)).Succeeded)
            {
                actions.Add(action);
            }
        }

        return new ReferralDetailModel(
            referral,
            teams.FirstOrDefault(t => t.Id == referral.TeamId)?.Name ?? "",
            teams.FirstOrDefault(t => t.Id == referral.CopyTeamId)?.Name,
            _protector.Unprotect(referral.ProtectedRoutingReason),
            _protector.UnprotectAnswers(referral.ProtectedAnswers),
            referral.ProtectedOutcomeDetail is null ? null : _protector.Unprotect(referral.ProtectedOutcomeDetail),
            referral.Notes.OrderBy(n => n.CreatedUtc).Select(n => new NoteView(n.CreatedUtc, n.AuthorName, _protector.Unprotect(n.ProtectedText))).ToList(),
            referral.Events.OrderBy(e => e.OccurredUtc).ThenBy(e => e.Id).Select(e => new EventView(e.OccurredUtc, e.Description, e.UserName, e.ProtectedDetail is null ? null : _protector.Unprotect(e.ProtectedDetail))).ToList(),
            teams.Where(t => t.Id != referral.TeamId).ToList(),
            new StatusForm(),
            new NoteForm(),
            new ReassignForm(),
            actions);
    }

    /// <summary>Which list an officer saw, by filter and the references shown (references only, as everywhere in the log).</summary>
    private static string InboxAuditSummary(InboxFilter filter, InboxPage page)
    {
        var filters = new List<string>();
        if (filter.Status is { } status)
        {
            filters.Add($"status {status}");
        }

        if (filter.Priority is { } priority)
        {
            filters.Add($"priority {priority}");
        }

        if (filter.Form is { } form)
        {
            filters.Add($"form {form}");
        }

        if (filter.FromUtc is { } from)
        {
            filters.Add($"from {from:yyyy-MM-dd}");
        }

        if (filter.ToUtc is { } to)
        {
            filters.Add($"to {to:yyyy-MM-dd}");
        }

        var shown = page.Rows.Count == 0 ? "none" : string.Join(", ", page.Rows.Select(r => r.Reference));
        return $"Page {page.Page} of {page.Pages}{(filters.Count == 0 ? "" : ", " + string.Join(", ", filters))}; {page.Total} in all; shown: {shown}";
    }

    private static DateOnly? ParseDate(string? text, string key, string message, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), ["d/M/yyyy", "yyyy-MM-dd"], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors[key] = message;
        return null;
    }
}

public sealed record InboxModel(InboxPage Page, IReadOnlyDictionary<int, string> Teams, IReadOnlyList<ReferralFormSummary> Forms, string? Status, string? Priority, string? Form, string? From, string? To, IReadOnlyDictionary<string, string> Errors)
{
    public string PageUrl(int page)
    {
        var query = new Dictionary<string, string?> { ["status"] = Status, ["priority"] = Priority, ["form"] = Form, ["from"] = From, ["to"] = To, ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/admin/referrals", query.Where(kv => !string.IsNullOrEmpty(kv.Value)));
    }
}

public sealed record ReferralDetailModel(
    Referral Referral,
    string TeamName,
    string? CopyTeamName,
    string RoutingReason,
    AnswersSnapshot Answers,
    string? OutcomeDetail,
    IReadOnlyList<NoteView> Notes,
    IReadOnlyList<EventView> History,
    IReadOnlyList<Team> OtherTeams,
    StatusForm StatusForm,
    NoteForm NoteForm,
    ReassignForm ReassignForm,
    IReadOnlyList<ReferralAction> Actions);

public sealed record NoteView(DateTime CreatedUtc, string AuthorName, string Text);

public sealed record EventView(DateTime OccurredUtc, string Description, string UserName, string? Detail);

public sealed class StatusForm
{
    public string? Status { get; set; }

    public string? Outcome { get; set; }

    [StringLength(2000, ErrorMessage = "The outcome must be 2000 characters or fewer")]
    public string? OutcomeDetail { get; set; }
}

public sealed class NoteForm
{
    [Required(ErrorMessage = "Enter a note")]
    [StringLength(4000, ErrorMessage = "The note must be 4000 characters or fewer")]
    public string? Text { get; set; }
}

public sealed class ReassignForm
{
    public int? TeamId { get; set; }

    [Required(ErrorMessage = "Enter why you are sending it to another team")]
    [StringLength(1000, ErrorMessage = "The reason must be 1000 characters or fewer")]
    public string? Reason { get; set; }
}
