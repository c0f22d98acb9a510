using SaferBcp.Dataset.Models;

namespace SaferBcp.Dataset.Services;

/// <summary>A survey mapping in words staff recognise: titles and labels rather than ids (ids kept when a survey or question has gone).</summary>
public sealed record SurveyMappingSummary(string Survey, string Question, IReadOnlyList<string> Counted)
{
    public static SurveyMappingSummary Of(SurveyMapping mapping, IReadOnlyList<MappableSurvey> surveys)
    {
        var survey = surveys.FirstOrDefault(s => s.Id == mapping.SurveyFormId);
        var question = survey?.Questions.FirstOrDefault(q => q.Id == mapping.QuestionId);
        return new SurveyMappingSummary(
            survey?.Title ?? $"{mapping.SurveyFormId} (not found)",
            question?.Label ?? $"{mapping.QuestionId} (not found)",
            mapping.CountedOptions().Select(v => question?.Options.FirstOrDefault(o => o.Value == v)?.Label ?? v).ToList());
    }
}
