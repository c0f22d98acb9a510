using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SaferBcp.Cms.Data;
using SaferBcp.Cms.Security;

namespace SaferBcp.Cms.Controllers;

[Route("admin/audit")]
[Authorize(Policy = CmsPermissions.ViewAuditLog)]
public sealed class AdminAuditController : AdminControllerBase
{
    private const int PageSize = 50;
    private readonly CmsDbContext _db;

    public AdminAuditController(CmsDbContext db) => _db = db;

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
        ViewData["Title"] = "Audit log";
        return View(new AuditListModel(entries, actions, activity, user, subject, page, Math.Max(1, (total + PageSize - 1) / PageSize), total));
    }
}

public sealed record AuditListModel(IReadOnlyList<AuditEntry> Entries, IReadOnlyList<string> Actions, string? Action, string? User, string? Subject, int Page, int Pages, int Total);
