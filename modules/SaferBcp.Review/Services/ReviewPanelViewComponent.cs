using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SaferBcp.Cms.Controllers;
using SaferBcp.Cms.Security;
using SaferBcp.Review.Models;

namespace SaferBcp.Review.Services;

/// <summary>The editor's Publishing section: the review history, and "Submit for review" for those who may not publish it.</summary>
public sealed class ReviewPanelViewComponent : ViewComponent
{
    private readonly ReviewWorkflow _workflow;
    private readonly IAuthorizationService _authorization;
    private readonly TimeProvider _clock;

    public ReviewPanelViewComponent(ReviewWorkflow workflow, IAuthorizationService authorization, TimeProvider clock)
    {
        _workflow = workflow;
        _authorization = authorization;
        _clock = clock;
    }

    public async Task<IViewComponentResult> InvokeAsync(ContentEditModel model)
    {
        var history = await _workflow.HistoryAsync(model.Item.ContentItemId);
        var isReviewer = (await _authorization.AuthorizeAsync(UserClaimsPrincipal, Permissions.ReviewContent)).Succeeded;

        // Anyone who edits but does not review may ask for a review: required when they may not publish it, else by choice.
        var canSubmit = !isReviewer && (await _authorization.AuthorizeAsync(UserClaimsPrincipal, CmsPermissions.ManageContent)).Succeeded;
        return View(new ReviewPanelModel(model, history, canSubmit, isReviewer, Cms.Content.UkTime.Now(_clock)));
    }
}

public sealed record ReviewPanelModel(ContentEditModel Editor, IReadOnlyList<ReviewRequest> History, bool CanSubmit, bool IsReviewer, DateTime NowUk)
{
    public ReviewRequest? Waiting => History.FirstOrDefault(r => r.Status == ReviewStatus.Waiting);
}
