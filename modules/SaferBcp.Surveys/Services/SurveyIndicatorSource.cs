using SaferBcp.Dataset.Models;
using SaferBcp.Dataset.Services;

namespace SaferBcp.Surveys.Services;

/// <summary>The dataset's survey counts, read from the stored responses a batch at a time (<see cref="SurveyShareCounter"/>).</summary>
public sealed class SurveyIndicatorSource : ISurveyIndicatorSource
{
    private readonly SurveyResponseStore _responses;

    public SurveyIndicatorSource(SurveyResponseStore responses) => _responses = responses;

    public async Task<IReadOnlyList<SurveyShare>> CountAsync(SurveyMapping mapping, IReadOnlyList<Period> periods, CancellationToken cancellationToken)
    {
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
