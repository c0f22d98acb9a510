using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SaferBcp.Referrals.Models;

namespace SaferBcp.Referrals.Services;

/// <summary>
/// What an officer may see: only referrals sent to one of her teams (or copied to it). Everything else is
/// "not found" — the queries simply never return it. Administrators are treated like anyone else: they manage
/// routing, but read referrals only when they are a member of the team.
/// </summary>
public sealed class ReferralInbox
{
    public const int PageSize = 25;

    private readonly ReferralsDbContext _db;

    public ReferralInbox(ReferralsDbContext db) => _db = db;

    public static string? UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);

    public async Task<List<int>> TeamIdsAsync(ClaimsPrincipal user)
    {
        var userId = UserId(user);
        return userId is null ? [] : await _db.TeamMembers.Where(m => m.UserId == userId).Select(m => m.TeamId).Distinct().ToListAsync();
    }

    public IQueryable<Referral> Visible(IReadOnlyCollection<int> teamIds) =>
        _db.Referrals.Where(r => teamIds.Contains(r.TeamId) || (r.CopyTeamId != null && teamIds.Contains(r.CopyTeamId.Value)));

    public async Task<Referral?> FindAsync(ClaimsPrincipal user, string reference, bool withDetails = false)
    {
        var normalized = ReferenceGenerator.Normalize(reference);
        var teams = await TeamIdsAsync(user);
        var query = Visible(teams);
        if (withDetails)
        {
            query = query.Include(r => r.Notes).Include(r => r.Events);
        }

        return await query.FirstOrDefaultAsync(r => r.Reference == normalized);
    }

    public async Task<InboxPage> ListAsync(ClaimsPrincipal user, InboxFilter filter)
    {
        var teams = await TeamIdsAsync(user);
        var query = Visible(teams);
        if (filter.Status is { } status)
        {
            query = query.Where(r => r.Status == status);
        }

        if (filter.Priority is { } priority)
        {
            query = query.Where(r => r.Priority == priority);
        }

        if (!string.IsNullOrEmpty(filter.Form))
        {
            query = query.Where(r => r.FormSlug == filter.Form);
        }

        if (filter.FromUtc is { } from)
        {
            query = query.Where(r => r.ReceivedUtc >= from);
        }

        if (filter.ToUtc is { } to)
        {
            query = query.Where(r => r.ReceivedUtc < to);
        }

        var total = await query.CountAsync();
        var page = Math.Max(1, filter.Page);
        var rows = await query.OrderByDescending(r => r.Priority == ReferralPriority.Urgent && r.Status != ReferralStatus.Closed)
            .ThenByDescending(r => r.ReceivedUtc)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(r => new InboxRow(r.Reference, r.FormTitle, r.TeamId, r.Priority, r.Status, r.ReceivedUtc, r.Under18, r.PossiblyAutomated, r.Language))
            .ToListAsync();
        return new InboxPage(rows, total, page, teams.Count > 0);
    }
}

public sealed record InboxFilter(ReferralStatus? Status, ReferralPriority? Priority, string? Form, DateTime? FromUtc, DateTime? ToUtc, int Page);

public sealed record InboxRow(string Reference, string FormTitle, int TeamId, ReferralPriority Priority, ReferralStatus Status, DateTime ReceivedUtc, bool Under18, bool PossiblyAutomated = false, string Language = "en");

/// <summary>How officers see the language a person used: "Polish", "Arabic"; English referrals show no label.</summary>
public static class ReferralLanguage
{
    public static bool IsEnglish(string language) => string.IsNullOrEmpty(language) || language == "en";

    public static string Name(string language) => IsEnglish(language) ? "English" : System.Globalization.CultureInfo.GetCultureInfo(language).EnglishName;
}

public sealed record InboxPage(IReadOnlyList<InboxRow> Rows, int Total, int Page, bool IsTeamMember)
{
    public int Pages => Math.Max(1, (Total + ReferralInbox.PageSize - 1) / ReferralInbox.PageSize);
}
