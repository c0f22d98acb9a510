using SaferBcp.Cms.Content;
using SaferBcp.Review.Models;

namespace SaferBcp.Review.Services;

public static class ReviewText
{
    public static string Status(ReviewRequest r) => r.Status switch
    {
        ReviewStatus.Waiting => "Waiting for review.",
        ReviewStatus.Approved => $"Approved by {r.DecidedBy} on {UkTime.Format(r.DecidedUtc!.Value)}.",
        ReviewStatus.SentBack => $"Sent back by {r.DecidedBy} on {UkTime.Format(r.DecidedUtc!.Value)}.",
        _ => $"Withdrawn: {r.Comment?.ToLowerInvariant() ?? "the draft was changed"}.",
    };
}
