using SaferBcp.Dataset.Models;

namespace SaferBcp.Dataset.Services;

/// <summary>
/// The seam between the dataset and the Surveys module. For an indicator whose source is a survey mapping, the Surveys
/// module counts, for each period, the responses to <see cref="SurveyMapping.SurveyFormId"/> whose response date falls in
/// the period and that answered <see cref="SurveyMapping.QuestionId"/>, and how many of those chose one of
/// <see cref="SurveyMapping.CountedOptionValues"/>. The dataset stores the share as a percentage value with numerator
/// and denominator, so the usual disclosure control applies. With no implementation registered, survey-mapped
/// indicators simply have no values.
/// </summary>
public interface ISurveyIndicatorSource
{
    Task<IReadOnlyList<SurveyShare>> CountAsync(SurveyMapping mapping, IReadOnlyList<Period> periods, CancellationToken cancellationToken);

    /// <summary>Every day on which the survey received at least one response.</summary>
    Task<IReadOnlyList<DateOnly>> ResponseDaysAsync(string surveyFormId, CancellationToken cancellationToken);
}

/// <summary>In <see cref="PeriodCode"/>, <see cref="Counted"/> of <see cref="Answered"/> answers fell in the chosen set.</summary>
public sealed record SurveyShare(string PeriodCode, int Counted, int Answered);
