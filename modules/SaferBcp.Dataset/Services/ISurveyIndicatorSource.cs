using SaferBcp.Dataset.Models;

namespace SaferBcp.Dataset.Services;

/// <summary>
/// The seam between the dataset and the (future) Surveys module. For an indicator whose source is a survey
/// mapping, the Surveys module registers an implementation that counts, for each period, the responses to
/// <see cref="SurveyMapping.QuestionId"/> of survey <see cref="SurveyMapping.SurveyFormId"/> whose response date
/// falls in the period (see <see cref="FinancialPeriod.PeriodsOf"/>), and how many of those chose one of
/// <see cref="SurveyMapping.CountedOptionValues"/>. The dataset stores the share as a percentage value with
/// numerator and denominator, so the usual disclosure control applies. No implementation exists yet: until the
/// Surveys module is built, survey-mapped indicators simply have no values.
/// </summary>
public interface ISurveyIndicatorSource
{
    Task<IReadOnlyList<SurveyShare>> CountAsync(SurveyMapping mapping, IReadOnlyList<Period> periods, CancellationToken cancellationToken);
}

/// <summary>In <see cref="PeriodCode"/>, <see cref="Counted"/> of <see cref="Answered"/> answers fell in the chosen set.</summary>
public sealed record SurveyShare(string PeriodCode, int Counted, int Answered);
