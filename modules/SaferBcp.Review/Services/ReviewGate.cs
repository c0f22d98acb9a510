using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using SaferBcp.Cms.Content;

namespace SaferBcp.Review.Services;

/// <summary>Content that needs review goes live only through a Reviewer: others with PublishContent submit it instead.</summary>
public sealed class ReviewGate : IPublishingGate
{
    private readonly ReviewRules _rules;
    private readonly IAuthorizationService _authorization;

    public ReviewGate(ReviewRules rules, IAuthorizationService authorization)
    {
        _rules = rules;
        _authorization = authorization;
    }

    public async Task<bool> MustSubmitForReviewAsync(ClaimsPrincipal user, ContentItem item) =>
        await _rules.RequiresReviewAsync(item) && !(await _authorization.AuthorizeAsync(user, Permissions.ReviewContent)).Succeeded;
}
