using Microsoft.AspNetCore.Mvc;
using SaferBcp.Cms.Security;
using SaferBcp.Referrals.Services;

namespace SaferBcp.Referrals.Controllers;

/// <summary>The public list of self-referral forms. Sensitive: never cached, here or in the browser.</summary>
public sealed class ReferYourselfController : Controller
{
    private readonly ReferralForms _forms;

    public ReferYourselfController(ReferralForms forms) => _forms = forms;

    [HttpGet("/refer-yourself")]
    public async Task<IActionResult> Index()
    {
        SecurityHeadersMiddleware.NoStore(Response);
        ViewData["Title"] = "Ask for help or refer yourself";
        ViewData["Sensitive"] = true;
        return View("~/Views/ReferralsPublic/Index.cshtml", await _forms.PublishedAsync());
    }
}
