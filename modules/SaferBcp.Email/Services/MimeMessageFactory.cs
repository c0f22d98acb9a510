using MimeKit;
using SaferBcp.Email.Models;

namespace SaferBcp.Email.Services;

/// <summary>Builds the MIME message for an outbox row whose fields are already decrypted.</summary>
public static class MimeMessageFactory
{
    public static MimeMessage Create(Guid id, string to, string subject, string textBody, string? htmlBody, DateTime createdUtc, EmailOptions options)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(options.FromName, options.FromAddress));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Date = new DateTimeOffset(DateTime.SpecifyKind(createdUtc, DateTimeKind.Utc));

        // The same id on every try, so a receiving system can recognise a message delivered twice.
        var domain = options.FromAddress.Split('@') is [_, { Length: > 0 } d] ? d : "saferbcp.local";
        message.MessageId = $"{id:N}@{domain}";

        // RFC 3834: automatic messages should not trigger out-of-office replies.
        message.Headers.Add("Auto-Submitted", "auto-generated");

        var body = new BodyBuilder { TextBody = textBody };
        if (htmlBody is not null)
        {
            body.HtmlBody = htmlBody;
        }

        message.Body = body.ToMessageBody();
        return message;
    }

    public static string FileNameFor(MimeMessage message) =>
        (message.MessageId is { Length: > 0 } id ? id.Split('@')[0] : Guid.NewGuid().ToString("N")) + ".eml";
}
