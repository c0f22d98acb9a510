using MimeKit;
using SaferBcp.Email.Models;

namespace SaferBcp.Email.Services;

/// <summary>
/// Adds a message to the outbox table through the scope's shared connection: inside the caller's
/// transaction it is committed with the caller's work, or not at all.
/// </summary>
public sealed class EmailOutbox : IEmailOutbox
{
    private readonly EmailDbContext _db;
    private readonly OutboxProtector _protector;
    private readonly TimeProvider _clock;

    public EmailOutbox(EmailDbContext db, OutboxProtector protector, TimeProvider clock)
    {
        _db = db;
        _protector = protector;
        _clock = clock;
    }

    public Task EnqueueAsync(EmailMessage message, CancellationToken cancellationToken = default) => EnqueueAsync(Prepare(message), cancellationToken);

    public PreparedEmail Prepare(EmailMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!MailboxAddress.TryParse(message.To, out var to) || !to.Address.Contains('@', StringComparison.Ordinal))
        {
            // The address itself is left out of the message: exceptions end up in logs.
            throw new ArgumentException("The recipient is not a single valid email address.", nameof(message));
        }

        if (string.IsNullOrWhiteSpace(message.Category) || message.Category.Length > 100)
        {
            throw new ArgumentException("A message needs a category of 1 to 100 characters.", nameof(message));
        }

        var now = _clock.GetUtcNow();
        return new PreparedEmail(message, new OutboxMessage
        {
            Id = Guid.CreateVersion7(now),
            To = _protector.Protect(to.Address),
            Subject = _protector.Protect(message.Subject.ReplaceLineEndings(" ").Trim()),
            TextBody = _protector.Protect(message.TextBody),
            HtmlBody = message.HtmlBody is null ? null : _protector.Protect(message.HtmlBody),
            Category = message.Category,
            CreatedUtc = now.UtcDateTime,
            NextAttemptUtc = now.UtcDateTime,
            Status = OutboxStatus.Pending,
        });
    }

    public async Task EnqueueAsync(PreparedEmail message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var row = message.Row ?? Prepare(message.Message).Row!;
        _db.OutboxMessages.Add(row);
        await _db.SaveChangesAsync(cancellationToken);
        _db.Entry(row).State = Microsoft.EntityFrameworkCore.EntityState.Detached;
    }
}
