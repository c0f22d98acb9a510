using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using SaferBcp.Cms.Admin;
using SaferBcp.Referrals.Models;

namespace SaferBcp.Referrals.Services;

/// <summary>Tells an officer how many new referrals (and how many urgent) are waiting for her teams. Counts only.</summary>
public sealed class ReferralsDashboardPanel : IDashboardPanel
{
    private readonly ReferralInbox _inbox;
    private readonly IAuthorizationService _authorization;

    public ReferralsDashboardPanel(ReferralInbox inbox, IAuthorizationService authorization)
    {
        _inbox = inbox;
        _authorization = authorization;
    }

    public async Task<DashboardPanel?> BuildAsync(ClaimsPrincipal user)
    {
        if (!(await _authorization.AuthorizeAsync(user, Permissions.ViewReferrals)).Succeeded)
        {
            return null;
        }

        var teams = await _inbox.TeamIdsAsync(user);
        if (teams.Count == 0)
        {
            return null;
        }

        var waiting = await _inbox.Visible(teams).Where(r => r.Status == ReferralStatus.New).GroupBy(r => r.Priority).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        var total = waiting.Sum(w => w.Count);
        var urgent = waiting.Where(w => w.Key == ReferralPriority.Urgent).Sum(w => w.Count);
        var body = total == 0 ? "There are no new referrals for your teams." : $"{total} new referral(s) for your teams, {urgent} of them urgent.";
        return new DashboardPanel("Referrals", body, "Open the referral inbox", "/admin/referrals?status=New", Warning: urgent > 0);
    }
}
