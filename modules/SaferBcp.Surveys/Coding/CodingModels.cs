namespace SaferBcp.Surveys.Coding;

/// <summary>
/// A theme in the codebook of one free-text question of one survey ("parks feel unsafe after dark"), applied to
/// answers by Analysts on the coding screen.
/// </summary>
public sealed class Theme
{
    public const int NameLength = 100;
    public const int DescriptionLength = 500;

    public int Id { get; set; }

    public string SurveyContentItemId { get; set; } = "";

    public string QuestionId { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>What the theme covers, so that two Analysts apply it the same way.</summary>
    public string Description { get; set; } = "";
}

/// <summary>
/// One free-text answer that an Analyst has coded (with any number of themes, none included), so that progress and
/// "next answer" know it is done. Holds ids only: the answer stays encrypted in its response.
/// </summary>
public sealed class CodedAnswer
{
    public int ResponseId { get; set; }

    public string QuestionId { get; set; } = "";

    public string SurveyContentItemId { get; set; } = "";
}

/// <summary>A theme applied to a response's answer: two ids, never any of the text.</summary>
public sealed class AnswerTheme
{
    public int ResponseId { get; set; }

    public int ThemeId { get; set; }
}

/// <summary>
/// An answer an Analyst suggested as a quote for publishing. Only the masked text is ever shown, and it is stored
/// encrypted like the answers (<see cref="Services.SurveyProtector"/>). A second, different Analyst approves it;
/// an approved quote can then be shown on the survey's "You said, we did" page.
/// </summary>
public sealed class Quote
{
    public int Id { get; set; }

    public string SurveyContentItemId { get; set; } = "";

    public string QuestionId { get; set; } = "";

    public int ResponseId { get; set; }

    /// <summary>The masked answer (<see cref="Services.PersonalDataMasker"/>), encrypted.</summary>
    public string ProtectedText { get; set; } = "";

    public string SuggestedBy { get; set; } = "";

    public string? ApprovedBy { get; set; }

    public bool ShowOnResults { get; set; }

    public bool IsApproved => ApprovedBy is not null;
}
