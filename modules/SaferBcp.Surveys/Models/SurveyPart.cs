using SaferBcp.Cms.Content;

namespace SaferBcp.Surveys.Models;

/// <summary>
/// What makes a "survey" form a survey: lives on the same Form content item as its <c>FormPart</c>
/// (whose introduction is the survey's introduction). Dates are UK calendar days: a survey opens at the
/// start of <see cref="OpensOn"/> and closes at the end of <see cref="ClosesOn"/>, UK time.
/// </summary>
public sealed class SurveyPart : ContentPart
{
    public string PrivacyMarkdown { get; set; } = "";

    public DateOnly? OpensOn { get; set; }

    public DateOnly? ClosesOn { get; set; }

    /// <summary>Taken down for good: no longer listed or answered, responses kept.</summary>
    public bool Archived { get; set; }

    /// <summary>"You said": what staff heard from the responses (Markdown), on the public results page.</summary>
    public string YouSaidMarkdown { get; set; } = "";

    /// <summary>"We did": what will change because of it (Markdown).</summary>
    public string WeDidMarkdown { get; set; } = "";

    /// <summary>
    /// How long contact details people leave are kept, in months counted from the end of the month they arrived in;
    /// then <see cref="Services.SurveyContactRetentionJob"/> deletes them.
    /// </summary>
    public int ContactRetentionMonths { get; set; } = DefaultContactRetentionMonths;

    public const int DefaultContactRetentionMonths = 24;

    public const int LongestContactRetentionMonths = 120;

    /// <summary>Show the public results page at /surveys/{slug}/results once the survey has closed.</summary>
    public bool ResultsPublished { get; set; }
}

public enum SurveyStatus
{
    Draft,
    Scheduled,
    Open,
    Closed,
    Archived,
}
