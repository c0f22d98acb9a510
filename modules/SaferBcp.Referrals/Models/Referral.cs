namespace SaferBcp.Referrals.Models;

/// <summary>
/// A self-referral. Only what officers filter on is in plain columns (reference, form, team, priority, status,
/// dates, under-18); the answers, the routing reason and every free text are encrypted with Data Protection.
/// </summary>
public sealed class Referral
{
    public int Id { get; set; }

    public string Reference { get; set; } = "";

    /// <summary>The form session's key: the same key twice is the same submission.</summary>
    public string SubmissionKey { get; set; } = "";

    public string FormContentItemId { get; set; } = "";

    public string FormSlug { get; set; } = "";

    public string FormTitle { get; set; } = "";

    public int TeamId { get; set; }

    /// <summary>The children's safeguarding team, told too when the referral is from or about someone under 18.</summary>
    public int? CopyTeamId { get; set; }

    public ReferralPriority Priority { get; set; }

    public ReferralStatus Status { get; set; }

    public bool Under18 { get; set; }

    /// <summary>
    /// The form's hidden field came back filled: maybe a robot, maybe autofill or an assistive tool used by a person.
    /// Kept and routed like any referral, and shown to officers as "Possible automated submission" to review.
    /// </summary>
    public bool PossiblyAutomated { get; set; }

    /// <summary>
    /// The language the person used on the form: "en", "pl", "ar" (her answers are stored the same way in any language).
    /// Shown to officers so they can reply, or arrange an interpreter, in her language.
    /// </summary>
    [System.ComponentModel.DataAnnotations.MaxLength(10)]
    public string Language { get; set; } = "en";

    public DateTime ReceivedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }

    public DateTime? ClosedUtc { get; set; }

    public int? RuleId { get; set; }

    public string ProtectedRoutingReason { get; set; } = "";

    public string ProtectedAnswers { get; set; } = "";

    /// <summary>Chosen from <see cref="ReferralOutcomes"/> when closing.</summary>
    public string? Outcome { get; set; }

    public string? ProtectedOutcomeDetail { get; set; }

    public List<ReferralNote> Notes { get; set; } = [];

    public List<ReferralEvent> Events { get; set; } = [];
}

public enum ReferralStatus
{
    New,
    InProgress,
    Closed,
}

/// <summary>An officer's note; its text is encrypted.</summary>
public sealed class ReferralNote
{
    public int Id { get; set; }

    public int ReferralId { get; set; }

    public DateTime CreatedUtc { get; set; }

    public string AuthorName { get; set; } = "";

    public string ProtectedText { get; set; } = "";
}

/// <summary>The referral's history shown to officers: received, status changes, notes, reassignments.</summary>
public sealed class ReferralEvent
{
    public int Id { get; set; }

    public int ReferralId { get; set; }

    public DateTime OccurredUtc { get; set; }

    public string Description { get; set; } = "";

    public string UserName { get; set; } = "";

    /// <summary>A reason typed by staff (reassignment), encrypted.</summary>
    public string? ProtectedDetail { get; set; }
}

public static class ReferralOutcomes
{
    public static readonly string[] All =
    [
        "Support offered and accepted",
        "Support offered and declined",
        "Passed to another service",
        "Could not make safe contact",
        "Not suitable for this service",
        "Duplicate referral",
        "Other",
    ];
}

public static class ReferralStatusNames
{
    public static string Label(ReferralStatus status) => status switch
    {
        ReferralStatus.InProgress => "In progress",
        _ => status.ToString(),
    };
}

/// <summary>How long closed referrals from a form are kept.</summary>
public sealed class FormRetention
{
    public int Id { get; set; }

    public string FormSlug { get; set; } = "";

    public int RetentionDays { get; set; } = ReferralSettings.DefaultRetentionDays;
}

/// <summary>Routing settings staff change in the back office (one row).</summary>
public sealed class ReferralSettings
{
    public const int DefaultRetentionDays = 365;

    public int Id { get; set; }

    /// <summary>Overrides Referrals:UrgentRiskThreshold when set.</summary>
    public int? UrgentRiskThreshold { get; set; }
}
