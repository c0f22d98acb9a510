using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SaferBcp.Cms.Security;

namespace SaferBcp.Cms.Controllers;

/// <summary>
/// Every back-office controller derives from this: signed-in staff with AccessAdmin only, antiforgery on
/// every POST (also a global filter), and each action adds the permission it needs.
/// </summary>
[Authorize(Policy = CmsPermissions.AccessAdmin)]
[AutoValidateAntiforgeryToken]
public abstract class AdminControllerBase : Controller
{
    protected string? CurrentUserName => User.Identity?.Name;

    protected void Notice(string message) => TempData["Notice"] = message;
}
