using SaferBcp.Dataset.Models;

namespace SaferBcp.Dataset.Services;

/// <summary>
/// A survey mapping in words staff recognise: titles and labels rather than ids (ids kept, marked "not found", when a
/// survey, question, answer or theme has gone), and a plain <see cref="Problem"/> saying what to do about it.
/// </summary>
public sealed record SurveyMappingSummary(string Survey, string Question, IReadOnlyList<string> Counted, bool CodedThemes = false, string? Problem = null)
{
    public static SurveyMappingSummary Of(SurveyMapping mapping, IReadOnlyList<MappableSurvey> surveys)
    {
        var survey = surveys.FirstOrDefault(s => s.Id == mapping.SurveyFormId);
        var question = survey?.Questions.FirstOrDefault(q => q.Id == mapping.QuestionId);
        var missing = question is null || mapping.CountedOptions().Any(v => question.Options.All(o => o.Value != v));
        return new SurveyMappingSummary(
            survey?.Title ?? $"{mapping.SurveyFormId} (not found)",
            question?.Label ?? $"{mapping.QuestionId} (not found)",
            mapping.CountedOptions().Select(v => question?.Options.FirstOrDefault(o => o.Value == v)?.Label ?? $"{v} (not found)").ToList(),
            question?.CodedThemes ?? false,
            missing
                ? "Part of this mapping is no longer in the survey (a question, an answer or a theme was removed), so the figures may not count what you expect. Choose the survey question again"
                : null);
    }
}
