using System.Security.Claims;

namespace SaferBcp.Cms.Content;

/// <summary>
/// A module's say on who may put a version live themselves. Staff with PublishContent publish directly unless a gate
/// (review before publishing) says this item must go to a reviewer first; such staff are offered the gate's own way
/// instead, through a <see cref="ContentEditPanel"/>. The back office asks every gate before each publish or schedule.
/// </summary>
public interface IPublishingGate
{
    Task<bool> MustSubmitForReviewAsync(ClaimsPrincipal user, ContentItem item);
}

/// <summary>A view component a module shows in the editor's Publishing section, given the <c>ContentEditModel</c>.</summary>
public sealed record ContentEditPanel(string ViewComponentName);
