namespace SaferBcp.Email.Models;

public enum OutboxStatus
{
    Pending = 0,
    Sending = 1,
    Sent = 2,
    Failed = 3,
}

/// <summary>
/// A queued email. Recipient, subject and bodies are stored encrypted (Data Protection) and erased once the
/// message is sent; the rest (category, times, attempts, status) stays readable for the back office.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }

    public string To { get; set; } = "";

    public string Subject { get; set; } = "";

    public string TextBody { get; set; } = "";

    public string? HtmlBody { get; set; }

    public string Category { get; set; } = "";

    public DateTime CreatedUtc { get; set; }

    public int Attempts { get; set; }

    public DateTime NextAttemptUtc { get; set; }

    public OutboxStatus Status { get; set; }

    /// <summary>The exception type and SMTP status of the last failure; never its message, which can quote an address.</summary>
    public string? LastError { get; set; }

    public DateTime? SentUtc { get; set; }

    /// <summary>The lease: while this is in the future only the node whose claim is in <see cref="LockedBy"/> may send it.</summary>
    public DateTime? LockedUntilUtc { get; set; }

    public string? LockedBy { get; set; }
}

/// <summary>A template as staff last saved it; without a row the declared default is used.</summary>
public sealed class EmailTemplate
{
    public string Name { get; set; } = "";

    public string Subject { get; set; } = "";

    public string Body { get; set; } = "";

    public string? UpdatedBy { get; set; }

    public DateTime UpdatedUtc { get; set; }
}
