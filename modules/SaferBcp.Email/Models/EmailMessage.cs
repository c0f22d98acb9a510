namespace SaferBcp.Email.Models;

/// <summary>
/// A message to queue in the outbox. <paramref name="Category"/> names what it is in logs and on the
/// dashboard ("referral-team-notification"); never put personal data in it or in the subject of a team notification.
/// </summary>
public sealed record EmailMessage(string To, string Subject, string TextBody, string Category, string? HtmlBody = null);
