using System.Diagnostics.CodeAnalysis;
using MimeKit;

namespace SaferBcp.Cms.Formats;

/// <summary>
/// One email address as a person or member of staff types it. The rule is MimeKit's <see cref="MailboxAddress"/>
/// parse, the one the email outbox and sender use, so an address accepted on a form page can never make the
/// outbox refuse a message later (which would fail a submission after the person pressed Send). On top of
/// MimeKit: exactly one bare address (no display name, no list) with a local part and a domain.
/// </summary>
public sealed record EmailAddress
{
    /// <summary>RFC 5321's limit for a path; longer addresses cannot be delivered.</summary>
    public const int MaxLength = 254;

    private EmailAddress(string value, string domain)
    {
        Value = value;
        Domain = domain;
    }

    /// <summary>The address as MimeKit reads it, for example "o'brien+help@example.org.uk".</summary>
    public string Value { get; }

    public string Domain { get; }

    /// <summary>
    /// Whether the domain has a dot, as every address on the internet does ("name@example.org", not "name@localhost").
    /// People's and services' addresses must; the outbox itself does not insist, so this only ever refuses more.
    /// </summary>
    public bool IsInternetAddress => Domain.Contains('.', StringComparison.Ordinal) && !Domain.EndsWith('.') && !Domain.StartsWith('[');

    public override string ToString() => Value;

    public static bool TryParse(string? text, [NotNullWhen(true)] out EmailAddress? address)
    {
        address = null;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxLength)
        {
            return false;
        }

        // MimeKit reads "Name <a@b.org>" and "a@b.org." as one address too; only the address itself, as typed, is one.
        if (!MailboxAddress.TryParse(trimmed, out var mailbox) || mailbox.Address != trimmed || !string.IsNullOrEmpty(mailbox.Name) ||
            mailbox.LocalPart.Length == 0 || mailbox.Domain.Length == 0)
        {
            return false;
        }

        address = new EmailAddress(mailbox.Address, mailbox.Domain);
        return true;
    }

    /// <summary>An address a person or a team can be emailed at: <see cref="TryParse"/> and <see cref="IsInternetAddress"/>.</summary>
    public static bool IsValid(string? text) => TryParse(text, out var address) && address.IsInternetAddress;
}
