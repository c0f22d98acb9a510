namespace SaferBcp.Email.Services;

public enum EmailDeliveryMode
{
    /// <summary>
    /// Each message is written as an .eml file to a folder: for development only (a warning at start elsewhere). The
    /// default, so that nothing leaves the server until an operator sets up SMTP; files are deleted after KeepSentFor.
    /// </summary>
    Pickup,
    Smtp,
}

public enum SmtpSecurity
{
    None,
    StartTls,
    SslOnConnect,

    /// <summary>TLS on connect for port 465, STARTTLS otherwise, required: never plaintext (choose None for that).</summary>
    Auto,
}

/// <summary>Bound from the "Email" configuration section.</summary>
public sealed class EmailOptions
{
    public EmailDeliveryMode Mode { get; set; } = EmailDeliveryMode.Pickup;

    public SmtpOptions Smtp { get; set; } = new();

    public string FromAddress { get; set; } = "no-reply@localhost";

    public string FromName { get; set; } = "Safer BCP";

    /// <summary>For Pickup mode; defaults to the data folder's mail-pickup folder.</summary>
    public string? PickupFolder { get; set; }

    /// <summary>Tries before a message is marked failed.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failed try; it doubles after each further failure, up to <see cref="BackoffMax"/>.</summary>
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan BackoffMax { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the sender looks for due messages.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    public int BatchSize { get; set; } = 20;

    /// <summary>How long a node holds a claimed message before another node may take it over.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Sent messages (already emptied of their content), and pickup files, are deleted after this long.</summary>
    public TimeSpan KeepSentFor { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Failed messages (still holding their encrypted recipient and text) are deleted this long after they were queued:
    /// time enough for staff to see them on the dashboard and act, not a store of undelivered personal data.
    /// </summary>
    public TimeSpan KeepFailedFor { get; set; } = TimeSpan.FromDays(30);
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
