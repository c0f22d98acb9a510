using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SaferBcp.Cms.Audit;
using SaferBcp.Cms.Controllers;
using SaferBcp.Cms.Security;
using SaferBcp.Referrals.Services;
using SaferBcp.SafePlaces.Models;
using SaferBcp.SafePlaces.Services;

namespace SaferBcp.SafePlaces.Controllers;

/// <summary>
/// Turns a venue's application (a referral from the "safe-place" form) into a draft Safe Place prefilled from its
/// answers. Only an officer who can open that referral (a member of its team, signed in with two-factor) and who may
/// manage Safe Places can do it; anyone else gets the same 404 as for a referral that does not exist.
/// </summary>
[Route("admin/safe-places/from-application")]
[Authorize(Policy = Permissions.ManageSafePlaces)]
public sealed class AdminVenueApplicationsController : AdminControllerBase
{
    private readonly ReferralTaggedAnswers _answers;
    private readonly SafePlaceDraftFactory _drafts;
    private readonly AuditLog _audit;

    public AdminVenueApplicationsController(ReferralTaggedAnswers answers, SafePlaceDraftFactory drafts, AuditLog audit)
    {
        _answers = answers;
        _drafts = drafts;
        _audit = audit;
    }

    [HttpPost("{reference}")]
    public async Task<IActionResult> CreateDraft(string reference)
    {
        if (!User.HasClaim(PortalClaimsFactory.TwoFactorEnabledClaim, "true"))
        {
            return Redirect("/account/two-factor?required=true");
        }

        var answers = await _answers.FindAsync(User, reference);
        if (answers is null)
        {
            return NotFound();
        }

        var draft = await _drafts.CreateDraftAsync(answers, CurrentUserName, $"venue application {reference}");
        await _audit.WriteAsync("safeplace.drafted", "Referral", reference, $"Draft Safe Place {draft.ContentItemId} created from the venue application");
        Notice("A draft Safe Place was made from the application. Check every detail, add the opening hours and location, then publish it.");
        return Redirect($"/admin/content/{draft.ContentItemId}/edit");
    }
}
