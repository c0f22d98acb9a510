using SaferBcp.Dataset.Models;
using SaferBcp.Dataset.Services;
using SaferBcp.Surveys.Coding;

namespace SaferBcp.Surveys.Services;

/// <summary>
/// The dataset's survey counts, read from the stored responses a batch at a time (<see cref="SurveyShareCounter"/>),
/// or, for a mapping to themes of a free-text question, from the codings (<see cref="ThemeShareCounter"/>).
/// </summary>
public sealed class SurveyIndicatorSource : ISurveyIndicatorSource
{
    private readonly SurveyResponseStore _responses;
    private readonly ThemeShareCounter _themes;

    public SurveyIndicatorSource(SurveyResponseStore responses, ThemeShareCounter themes)
    {
        _responses = responses;
        _themes = themes;
    }

    public async Task<IReadOnlyList<SurveyShare>> CountAsync(SurveyMapping mapping, IReadOnlyList<Period> periods, CancellationToken cancellationToken)
    {
        if (ThemeMappingValue.IsThemeMapping(mapping.CountedOptions()))
        {
            return await _themes.CountAsync(mapping, periods, cancellationToken);
        }

        var counter = new SurveyShareCounter(periods, mapping.QuestionId, mapping.CountedOptions());
        if (periods.Count == 0)
        {
            return [];
        }

        await foreach (var response in _responses.StreamAsync(mapping.SurveyFormId, counter.From, counter.To, cancellationToken))
        {
            counter.Add(response.ResponseDate, response.AnswersJson);
        }

        return counter.Shares();
    }

    public Task<IReadOnlyList<DateOnly>> ResponseDaysAsync(string surveyFormId, CancellationToken cancellationToken) =>
        _responses.DaysAsync(surveyFormId, cancellationToken);
}
