using Microsoft.EntityFrameworkCore;
using SaferBcp.Cms.Audit;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Data;
using SaferBcp.Review.Models;

namespace SaferBcp.Review.Services;

/// <summary>
/// Submit a draft for review, approve it (publish now, or schedule it for the time the editor asked, through the
/// kernel's scheduled publishing) or send it back with comments. Each step is one transaction with its audit entry; a
/// decision first claims the request with an UPDATE that succeeds only while it is still waiting, so two reviewers
/// acting at once (on any nodes) decide it once.
/// </summary>
public sealed class ReviewWorkflow
{
    private readonly ReviewDbContext _db;
    private readonly PortalDatabase _database;
    private readonly ContentManager _content;
    private readonly AuditLog _audit;
    private readonly ReviewerNotifier _notifier;
    private readonly TimeProvider _clock;

    public ReviewWorkflow(ReviewDbContext db, PortalDatabase database, ContentManager content, AuditLog audit, ReviewerNotifier notifier, TimeProvider clock)
    {
        _db = db;
        _database = database;
        _content = content;
        _audit = audit;
        _notifier = notifier;
        _clock = clock;
    }

    private DateTime UtcNow => _clock.GetUtcNow().UtcDateTime;

    public Task<ReviewRequest?> WaitingForAsync(string contentItemId) =>
        _db.Requests.AsNoTracking().Where(r => r.ContentItemId == contentItemId && r.Status == ReviewStatus.Waiting).OrderByDescending(r => r.Id).FirstOrDefaultAsync();

    public Task<List<ReviewRequest>> HistoryAsync(string contentItemId) =>
        _db.Requests.AsNoTracking().Where(r => r.ContentItemId == contentItemId).OrderByDescending(r => r.Id).ToListAsync();

    public Task<List<ReviewRequest>> QueueAsync() =>
        _db.Requests.AsNoTracking().Where(r => r.Status == ReviewStatus.Waiting).OrderBy(r => r.SubmittedUtc).ToListAsync();

    public Task<ReviewRequest?> FindAsync(int id) => _db.Requests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id);

    /// <summary>Submits the latest draft. Throws ContentValidationException with a message for the editor.</summary>
    public async Task<ReviewRequest> SubmitAsync(string contentItemId, string? note, DateTime? publishAtUtc, string user)
    {
        if (publishAtUtc is not null && publishAtUtc <= UtcNow)
        {
            throw new ContentValidationException("PublishAt", "The publishing time must be in the future.");
        }

        await using var transaction = await _database.BeginTransactionAsync();
        var draft = await _content.GetAsync(contentItemId, VersionOptions.Latest) ?? throw new ContentValidationException("", "This item does not exist.");
        if (draft.Published)
        {
            throw new ContentValidationException("", "There are no unpublished changes to review. Save a change first.");
        }

        if (await _db.Requests.AnyAsync(r => r.ContentItemId == contentItemId && r.Status == ReviewStatus.Waiting))
        {
            throw new ContentValidationException("", "It is already waiting for review.");
        }

        var request = new ReviewRequest
        {
            ContentItemId = draft.ContentItemId,
            ContentType = draft.ContentType,
            Version = draft.Version,
            DraftSavedUtc = draft.ModifiedUtc,
            DisplayText = draft.DisplayText.Length > 300 ? draft.DisplayText[..300] : draft.DisplayText,
            SubmittedBy = user,
            SubmittedUtc = UtcNow,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            PublishAtUtc = publishAtUtc,
            Status = ReviewStatus.Waiting,
        };
        _db.Requests.Add(request);
        await _db.SaveChangesAsync();
        await _audit.WriteAsync("review.submitted", draft.ContentType, draft.ContentItemId,
            $"Version {draft.Version} of \"{draft.DisplayText}\" submitted for review" + (publishAtUtc is { } at ? $", to publish on {UkTime.Format(at)}" : ""), userName: user);
        await _notifier.NotifyReviewersAsync(request);
        await transaction.CommitAsync();
        return request;
    }

    /// <summary>
    /// Publishes the submitted draft, or schedules it for the editor's time (unless <paramref name="publishNow"/>).
    /// Returns the time it will publish, or null when it is live now.
    /// </summary>
    public async Task<DateTime?> ApproveAsync(int requestId, string reviewer, bool publishNow, string? comment)
    {
        await using var transaction = await _database.BeginTransactionAsync();
        var request = await ClaimAsync(requestId, ReviewStatus.Approved, reviewer, comment);
        var draft = await _content.GetAsync(request.ContentItemId, VersionOptions.Latest);
        if (draft is null || draft.Published || draft.Version != request.Version || draft.ModifiedUtc != request.DraftSavedUtc)
        {
            throw new ContentValidationException("", "The draft has changed since it was submitted. The editor must submit it again.");
        }

        var at = !publishNow && request.PublishAtUtc is { } wanted && wanted > UtcNow ? wanted : (DateTime?)null;
        if (at is null)
        {
            await _content.PublishAsync(request.ContentItemId, reviewer);
        }
        else
        {
            await _content.SchedulePublishAsync(request.ContentItemId, at, reviewer);
        }

        await _audit.WriteAsync("review.approved", request.ContentType, request.ContentItemId,
            $"Version {request.Version} of \"{request.DisplayText}\" approved" + (at is null ? " and published" : $", to publish on {UkTime.Format(at.Value)}"), userName: reviewer);
        await transaction.CommitAsync();
        return at;
    }

    public async Task SendBackAsync(int requestId, string reviewer, string comment)
    {
        if (string.IsNullOrWhiteSpace(comment))
        {
            throw new ContentValidationException("Comment", "Enter your comments for the editor");
        }

        await using var transaction = await _database.BeginTransactionAsync();
        var request = await ClaimAsync(requestId, ReviewStatus.SentBack, reviewer, comment.Trim());
        await _audit.WriteAsync("review.sent-back", request.ContentType, request.ContentItemId,
            $"Version {request.Version} of \"{request.DisplayText}\" sent back with comments", userName: reviewer);
        await transaction.CommitAsync();
    }

    private async Task<ReviewRequest> ClaimAsync(int requestId, ReviewStatus decision, string reviewer, string? comment)
    {
        var now = UtcNow;
        var text = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (text is { Length: > 4000 })
        {
            throw new ContentValidationException("Comment", "Comments must be 4,000 characters or fewer");
        }

        var claimed = await _db.Requests.Where(r => r.Id == requestId && r.Status == ReviewStatus.Waiting)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, decision).SetProperty(r => r.DecidedBy, reviewer)
                .SetProperty(r => r.DecidedUtc, now).SetProperty(r => r.Comment, text));
        if (claimed == 0)
        {
            throw new ContentValidationException("", "This is no longer waiting for review: someone else dealt with it, or the editor changed it.");
        }

        return (await FindAsync(requestId))!;
    }
}
