using System.Text;
using System.Text.Json;
using SaferBcp.Dataset.Models;
using SaferBcp.Dataset.Services;

namespace SaferBcp.Surveys.Services;

/// <summary>
/// Works out a survey-mapped indicator's counts: for each period, the responses dated in it that answered the question
/// (<see cref="SurveyShare.Answered"/>) and, of those, the ones with an answer in the counted set
/// (<see cref="SurveyShare.Counted"/>; for multiple choice, any one of its answers). Only the mapped question's answer is
/// read from each response's JSON, and only for responses dated in one of the periods.
/// </summary>
public sealed class SurveyShareCounter
{
    private readonly IReadOnlyList<Period> _periods;
    private readonly byte[] _questionId;
    private readonly HashSet<string> _counted;
    private readonly int[] _answered;
    private readonly int[] _countedTotals;

    public SurveyShareCounter(IReadOnlyList<Period> periods, string questionId, IEnumerable<string> countedValues)
    {
        _periods = periods;
        _questionId = Encoding.UTF8.GetBytes(questionId);
        _counted = new HashSet<string>(countedValues, StringComparer.Ordinal);
        _answered = new int[periods.Count];
        _countedTotals = new int[periods.Count];
    }

    /// <summary>The first and last day any of the periods covers: responses outside need not be read at all.</summary>
    public DateOnly From => _periods.Count == 0 ? DateOnly.MaxValue : _periods.Min(p => p.Start);

    public DateOnly To => _periods.Count == 0 ? DateOnly.MinValue : _periods.Max(p => p.End);

    public void Add(DateOnly responseDate, string answersJson)
    {
        bool? counted = null;
        for (var i = 0; i < _periods.Count; i++)
        {
            if (responseDate < _periods[i].Start || responseDate > _periods[i].End)
            {
                continue;
            }

            counted ??= Read(answersJson);
            if (counted is null)
            {
                // Not answered (skipped, or not on her route): left out of the share.
                return;
            }

            _answered[i]++;
            if (counted.Value)
            {
                _countedTotals[i]++;
            }
        }
    }

    public IReadOnlyList<SurveyShare> Shares() =>
        _periods.Select((p, i) => new SurveyShare(p.Code, _countedTotals[i], _answered[i])).ToList();

    /// <summary>Null when the question has no answer; otherwise whether any answer is counted.</summary>
    private bool? Read(string answersJson)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(answersJson));
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isQuestion = reader.ValueTextEquals(_questionId);
            reader.Read();
            if (!isQuestion)
            {
                reader.Skip();
                continue;
            }

            var answered = false;
            var counted = false;
            if (reader.TokenType == JsonTokenType.StartArray)
            {
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType == JsonTokenType.String && reader.GetString() is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value))
                    {
                        answered = true;
                        counted |= _counted.Contains(value);
                    }
                }
            }

            return answered ? counted : null;
        }

        return null;
    }
}
