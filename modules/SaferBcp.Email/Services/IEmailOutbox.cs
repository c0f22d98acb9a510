using SaferBcp.Email.Models;

namespace SaferBcp.Email.Services;

/// <summary>
/// Queues messages for the background sender. The message is written through the portal's shared database
/// connection, so it commits or rolls back with the caller's transaction: nothing is sent for work that was not saved.
/// </summary>
public interface IEmailOutbox
{
    Task EnqueueAsync(EmailMessage message, CancellationToken cancellationToken = default);
}

/// <summary>Renders a declared template (the staff's saved version, or its default) with the given variables.</summary>
public interface IEmailTemplateRenderer
{
    Task<RenderedEmail> RenderAsync(string templateName, IReadOnlyDictionary<string, object?> variables, CancellationToken cancellationToken = default);
}

public sealed record RenderedEmail(string Subject, string TextBody);
