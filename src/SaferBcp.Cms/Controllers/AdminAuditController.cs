using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SaferBcp.Cms.Audit;
using SaferBcp.Cms.Data;
using SaferBcp.Cms.Security;

namespace SaferBcp.Cms.Controllers;

[Route("admin/audit")]
[Authorize(Policy = CmsPermissions.ViewAuditLog)]
public sealed class AdminAuditController : AdminControllerBase
{
    private const int PageSize = 50;
    private readonly CmsDbContext _db;
    private readonly AuditLog _audit;

    public AdminAuditController(CmsDbContext db, AuditLog audit)
    {
        _db = db;
        _audit = audit;
    }

    [HttpGet("")]
    public async Task<IActionResult> Index(string? activity, string? user, string? subject, int page = 1)
    {
        var query = _db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(activity))
        {
            query = query.Where(e => e.Action.StartsWith(activity.Trim()));
        }

        if (!string.IsNullOrWhiteSpace(user))
        {
            query = query.Where(e => e.UserName == user.Trim());
        }

        if (!string.IsNullOrWhiteSpace(subject))
        {
            query = query.Where(e => e.SubjectId == subject.Trim());
        }

        page = Math.Max(1, page);
        var total = await query.CountAsync();
        var entries = await query.OrderByDescending(e => e.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync();
        var actions = await _db.AuditEntries.AsNoTracking().Select(e => e.Action).Distinct().OrderBy(a => a).ToListAsync();

        // Reading the log is itself logged: it names staff and what they did, and shows which referrals were opened.
        await _audit.WriteAsync("audit.viewed", "AuditLog", null, $"Page {page}; activity {Shown(activity)}, user {Shown(user)}, subject {Shown(subject)}; {total} entries");
        ViewData["Title"] = "Audit log";
        return View(new AuditListModel(entries, actions, activity, user, subject, page, Math.Max(1, (total + PageSize - 1) / PageSize), total));
    }

    private static string Shown(string? filter) => string.IsNullOrWhiteSpace(filter) ? "(any)" : filter.Trim();
}

public sealed record AuditListModel(IReadOnlyList<AuditEntry> Entries, IReadOnlyList<string> Actions, string? Action, string? User, string? Subject, int Page, int Pages, int Total);
