using Microsoft.EntityFrameworkCore;
using SaferBcp.Cms.Audit;
using SaferBcp.Email.Models;

namespace SaferBcp.Email.Services;

/// <summary>What the back office shows of the outbox: never a recipient, subject or body.</summary>
public sealed record OutboxRow(Guid Id, string Category, DateTime CreatedUtc, int Attempts, OutboxStatus Status, DateTime NextAttemptUtc, string? LastError);

public sealed record OutboxSummary(IReadOnlyList<OutboxRow> Pending, IReadOnlyList<OutboxRow> Failed, int SentLastDay);

public sealed class OutboxMonitor
{
    private const int ListLimit = 200;
    private readonly EmailDbContext _db;
    private readonly AuditLog _audit;
    private readonly TimeProvider _clock;

    public OutboxMonitor(EmailDbContext db, AuditLog audit, TimeProvider clock)
    {
        _db = db;
        _audit = audit;
        _clock = clock;
    }

    public Task<int> CountFailedAsync(CancellationToken cancellationToken = default) =>
        _db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Failed, cancellationToken);

    public async Task<OutboxSummary> SummaryAsync(CancellationToken cancellationToken = default)
    {
        var dayAgo = _clock.GetUtcNow().UtcDateTime.AddDays(-1);
        var pending = await Rows(_db.OutboxMessages.Where(m => m.Status == OutboxStatus.Pending || m.Status == OutboxStatus.Sending).OrderBy(m => m.NextAttemptUtc)).ToListAsync(cancellationToken);
        var failed = await Rows(_db.OutboxMessages.Where(m => m.Status == OutboxStatus.Failed).OrderByDescending(m => m.CreatedUtc)).ToListAsync(cancellationToken);
        var sent = await _db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Sent && m.SentUtc >= dayAgo, cancellationToken);
        return new OutboxSummary(pending, failed, sent);
    }

    /// <summary>Puts a failed message back in the queue with a fresh set of tries.</summary>
    public async Task<bool> RetryAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        var updated = await _db.OutboxMessages.Where(m => m.Id == id && m.Status == OutboxStatus.Failed)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Pending).SetProperty(m => m.Attempts, 0).SetProperty(m => m.NextAttemptUtc, now), cancellationToken);
        if (updated > 0)
        {
            await _audit.WriteAsync("email.retried", "Email", id.ToString("N"), "Put a failed email back in the queue");
        }

        return updated > 0;
    }

    public async Task<int> RetryAllFailedAsync(CancellationToken cancellationToken = default)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        var updated = await _db.OutboxMessages.Where(m => m.Status == OutboxStatus.Failed)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Pending).SetProperty(m => m.Attempts, 0).SetProperty(m => m.NextAttemptUtc, now), cancellationToken);
        if (updated > 0)
        {
            await _audit.WriteAsync("email.retried", "Email", null, $"Put {updated} failed email(s) back in the queue");
        }

        return updated;
    }

    private static IQueryable<OutboxRow> Rows(IQueryable<OutboxMessage> ordered) =>
        ordered.AsNoTracking().Take(ListLimit)
            .Select(m => new OutboxRow(m.Id, m.Category, m.CreatedUtc, m.Attempts, m.Status, m.NextAttemptUtc, m.LastError));
}
