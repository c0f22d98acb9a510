namespace SaferBcp.Review.Models;

public enum ReviewStatus
{
    Waiting = 0,
    Approved = 1,
    SentBack = 2,

    /// <summary>The draft was changed after it was submitted (or after approval, before its publishing time).</summary>
    Withdrawn = 3,
}

/// <summary>
/// One version of a content item submitted for review, and what the reviewer decided. The rows of an item, oldest
/// first, are its review history: the editor's notes and the reviewer's comments are kept.
/// </summary>
public sealed class ReviewRequest
{
    public int Id { get; set; }

    public string ContentItemId { get; set; } = "";

    public string ContentType { get; set; } = "";

    /// <summary>The draft version submitted, and when it was last saved: approval publishes only that draft.</summary>
    public int Version { get; set; }

    public DateTime DraftSavedUtc { get; set; }

    public string DisplayText { get; set; } = "";

    public string SubmittedBy { get; set; } = "";

    public DateTime SubmittedUtc { get; set; }

    public string? Note { get; set; }

    /// <summary>When the editor asked for it to go live; null means as soon as it is approved.</summary>
    public DateTime? PublishAtUtc { get; set; }

    public ReviewStatus Status { get; set; }

    public string? DecidedBy { get; set; }

    public DateTime? DecidedUtc { get; set; }

    /// <summary>The reviewer's comments when sending it back (or an optional remark when approving).</summary>
    public string? Comment { get; set; }
}
