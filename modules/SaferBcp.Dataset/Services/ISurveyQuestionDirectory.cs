namespace SaferBcp.Dataset.Services;

/// <summary>
/// The surveys an indicator can be mapped to, with the questions whose answers are options (single and multiple choice,
/// select, yes/no and scale), so the back office can offer them without the dataset knowing about forms. The Surveys
/// module implements it.
/// </summary>
public interface ISurveyQuestionDirectory
{
    Task<IReadOnlyList<MappableSurvey>> SurveysAsync(CancellationToken cancellationToken);
}

/// <param name="Status">How staff know it: "Draft", "Open", "Closed", …</param>
public sealed record MappableSurvey(string Id, string Title, string Status, IReadOnlyList<MappableQuestion> Questions);

public sealed record MappableQuestion(string Id, string Label, bool MultipleAnswers, IReadOnlyList<MappableOption> Options);

public sealed record MappableOption(string Value, string Label);
