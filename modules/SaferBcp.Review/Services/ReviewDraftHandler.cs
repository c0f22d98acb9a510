using Microsoft.EntityFrameworkCore;
using SaferBcp.Cms.Audit;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Data;
using SaferBcp.Review.Models;

namespace SaferBcp.Review.Services;

/// <summary>
/// A reviewer approves what they read. Saving the draft again withdraws a submission still waiting, and cancels the
/// publishing time of one approved for later, so unreviewed words never go live through an earlier approval.
/// </summary>
public sealed class ReviewDraftHandler : IContentHandler
{
    private readonly ReviewDbContext _db;
    private readonly CmsDbContext _cms;
    private readonly AuditLog _audit;
    private readonly TimeProvider _clock;

    public ReviewDraftHandler(ReviewDbContext db, CmsDbContext cms, AuditLog audit, TimeProvider clock)
    {
        _db = db;
        _cms = cms;
        _audit = audit;
        _clock = clock;
    }

    /// <summary>Someone who may publish it did so while it waited (a voluntary review): nothing is left to review.</summary>
    public Task PublishedAsync(ContentItem item) => WithdrawAsync(item, "Published without review", "it was published directly");

    public async Task DraftSavedAsync(ContentItem item)
    {
        await WithdrawAsync(item, "Changed after it was submitted", "the draft was changed");

        var approvedForLater = item.PublishAtUtc is not null && await _db.Requests.AnyAsync(r =>
            r.ContentItemId == item.ContentItemId && r.Status == ReviewStatus.Approved && r.Version == item.Version && r.PublishAtUtc != null);
        if (approvedForLater)
        {
            var cleared = await _cms.ContentItems.Where(c => c.Id == item.Id && c.PublishAtUtc != null)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.PublishAtUtc, (DateTime?)null));
            item.PublishAtUtc = null;
            if (cleared > 0)
            {
                await _audit.WriteAsync("review.schedule-cancelled", item.ContentType, item.ContentItemId, "Scheduled publishing cancelled: the approved draft was changed and must be reviewed again");
            }
        }
    }

    private async Task WithdrawAsync(ContentItem item, string comment, string why)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        var withdrawn = await _db.Requests.Where(r => r.ContentItemId == item.ContentItemId && r.Status == ReviewStatus.Waiting)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ReviewStatus.Withdrawn).SetProperty(r => r.DecidedUtc, now)
                .SetProperty(r => r.Comment, comment));
        if (withdrawn > 0)
        {
            await _audit.WriteAsync("review.withdrawn", item.ContentType, item.ContentItemId, "Submission for review withdrawn: " + why);
        }
    }
}
