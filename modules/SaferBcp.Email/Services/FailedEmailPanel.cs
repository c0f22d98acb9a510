using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using SaferBcp.Cms.Admin;

namespace SaferBcp.Email.Services;

/// <summary>The dashboard's word on failed emails, for staff who can do something about them.</summary>
public sealed class FailedEmailPanel : IDashboardPanel
{
    private readonly OutboxMonitor _monitor;
    private readonly IAuthorizationService _authorization;

    public FailedEmailPanel(OutboxMonitor monitor, IAuthorizationService authorization)
    {
        _monitor = monitor;
        _authorization = authorization;
    }

    public async Task<DashboardPanel?> BuildAsync(ClaimsPrincipal user)
    {
        if (!(await _authorization.AuthorizeAsync(user, Permissions.ManageEmail)).Succeeded)
        {
            return null;
        }

        var failed = await _monitor.CountFailedAsync();
        return failed == 0
            ? new DashboardPanel("Email", "No emails have failed. Every email has been sent or is waiting to be sent.", "See the email outbox", "/admin/email")
            : new DashboardPanel("Email", failed == 1 ? "1 email could not be sent." : $"{failed} emails could not be sent.", "See failed emails and try again", "/admin/email", Warning: true);
    }
}
