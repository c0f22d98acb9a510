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

    /// <summary>A published results page ("You said, we did"), linked once the survey has closed.</summary>
    public string? ResultsUrl { get; set; }
}

public enum SurveyStatus
{
    Draft,
    Scheduled,
    Open,
    Closed,
    Archived,
}
