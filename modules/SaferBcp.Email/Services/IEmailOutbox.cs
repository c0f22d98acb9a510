using SaferBcp.Email.Models;

namespace SaferBcp.Email.Services;

/// <summary>
/// Queues messages for the background sender. The message is written through the portal's shared database
/// connection, so it commits or rolls back with the caller's transaction: nothing is sent for work that was not saved.
/// </summary>
public interface IEmailOutbox
{
    Task EnqueueAsync(EmailMessage message, CancellationToken cancellationToken = default);

    /// <summary>
    /// Checks and encrypts a message without writing anything, so that a caller can do it before its transaction
    /// begins and hold the database's write lock only for <see cref="EnqueueAsync(PreparedEmail, CancellationToken)"/>.
    /// Throws as <see cref="EnqueueAsync(EmailMessage, CancellationToken)"/> does for a bad address.
    /// </summary>
    PreparedEmail Prepare(EmailMessage message) => new(message, null);

    Task EnqueueAsync(PreparedEmail message, CancellationToken cancellationToken = default) => EnqueueAsync(message.Message, cancellationToken);
}

/// <summary>A message checked and, by the real outbox, already encrypted as its outbox row.</summary>
public sealed record PreparedEmail(EmailMessage Message, OutboxMessage? Row);

/// <summary>Renders a declared template (the staff's saved version, or its default) with the given variables.</summary>
public interface IEmailTemplateRenderer
{
    Task<RenderedEmail> RenderAsync(string templateName, IReadOnlyDictionary<string, object?> variables, CancellationToken cancellationToken = default);
}

public sealed record RenderedEmail(string Subject, string TextBody);
