using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using SaferBcp.Cms.Data;

namespace SaferBcp.Cms.Audit;

/// <summary>
/// Records who did what, when, to which item or account. Entries never hold personal data from
/// the public (no names, contact details or answers): only staff account names, ids and references.
/// </summary>
public sealed class AuditLog
{
    private readonly CmsDbContext _db;
    private readonly IHttpContextAccessor _http;
    private readonly TimeProvider _clock;

    public AuditLog(CmsDbContext db, IHttpContextAccessor http, TimeProvider clock)
    {
        _db = db;
        _http = http;
        _clock = clock;
    }

    public async Task WriteAsync(string action, string subjectType, string? subjectId, string? summary = null, string? userName = null, string? userId = null)
    {
        var user = _http.HttpContext?.User;
        _db.AuditEntries.Add(new AuditEntry
        {
            OccurredUtc = _clock.GetUtcNow().UtcDateTime,
            Action = action,
            SubjectType = subjectType,
            SubjectId = subjectId,
            Summary = summary is { Length: > 1000 } ? summary[..1000] : summary,
            UserName = userName ?? (user?.Identity?.IsAuthenticated == true ? user.Identity.Name : null) ?? "system",
            UserId = userId ?? user?.FindFirstValue(ClaimTypes.NameIdentifier),
        });
        await _db.SaveChangesAsync();
    }
}
