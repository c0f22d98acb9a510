namespace SaferBcp.Dataset.Services;

/// <summary>
/// The surveys an indicator can be mapped to, with the questions whose answers are options (single and multiple choice,
/// select, yes/no and scale) and the free-text questions with coded themes, so the back office can offer them without the dataset knowing about forms. The Surveys
/// module implements it.
/// </summary>
public interface ISurveyQuestionDirectory
{
    Task<IReadOnlyList<MappableSurvey>> SurveysAsync(CancellationToken cancellationToken);
}

/// <param name="Status">How staff know it: "Draft", "Open", "Closed", …</param>
public sealed record MappableSurvey(string Id, string Title, string Status, IReadOnlyList<MappableQuestion> Questions);

/// <param name="CodedThemes">
/// A free-text question whose options are the themes of its codebook: the figure is the share of its coded answers
/// that carry any of the counted themes. Ticking every theme is allowed (an answer can be coded with none).
/// </param>
public sealed record MappableQuestion(string Id, string Label, bool MultipleAnswers, IReadOnlyList<MappableOption> Options, bool CodedThemes = false);

public sealed record MappableOption(string Value, string Label);
