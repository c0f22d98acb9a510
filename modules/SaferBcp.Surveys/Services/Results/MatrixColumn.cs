using SaferBcp.Forms.Models;
using SaferBcp.Forms.Services;

namespace SaferBcp.Surveys.Services.Results;

/// <summary>How one question's answers are coded in the <see cref="ResponseMatrix"/>.</summary>
public enum ColumnKind
{
    /// <summary>Single choice, yes/no, select and scale: the chosen option's index + 1 (0 = not answered).</summary>
    Choice,

    /// <summary>Multiple choice: a bit per option (up to 64 options).</summary>
    Multi,

    /// <summary>Rank: a byte per option, its position (1 = first; 0 = not ranked).</summary>
    Rank,

    /// <summary>Rate: a byte per option, rating - lowest + 1 (0 = not rated).</summary>
    Rate,

    /// <summary>Number: the value, NaN when not answered.</summary>
    Number,

    /// <summary>Free text, dates and the like: answered or not, never the text.</summary>
    Answered,
}

/// <summary>One question of a survey as the results see it: how it is coded and the options in their order.</summary>
public sealed class MatrixColumn
{
    public const int MaxMultiOptions = 64;

    private static readonly FormOption[] YesNo = [new() { Value = "yes", Label = "Yes" }, new() { Value = "no", Label = "No" }];

    private readonly Dictionary<string, int> _optionIndex;

    public MatrixColumn(int index, FormQuestion question)
    {
        Index = index;
        Question = question;
        Kind = question.Type switch
        {
            QuestionType.SingleChoice or QuestionType.YesNo or QuestionType.Select or QuestionType.Scale => ColumnKind.Choice,
            QuestionType.MultipleChoice => ColumnKind.Multi,
            QuestionType.Rank => ColumnKind.Rank,
            QuestionType.Rate => ColumnKind.Rate,
            QuestionType.Number => ColumnKind.Number,
            _ => ColumnKind.Answered,
        };
        var options = question.Type == QuestionType.YesNo && question.Options.Count == 0 ? YesNo : question.Options.ToArray();
        Options = Kind == ColumnKind.Multi ? options.Take(MaxMultiOptions).ToArray() : options.Take(byte.MaxValue - 1).ToArray();
        _optionIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Options.Count; i++)
        {
            _optionIndex.TryAdd(Options[i].Value, i);
        }

        (Lowest, Highest) = Kind == ColumnKind.Rate ? RatingAnswers.Range(question) : (0, 0);
    }

    /// <summary>Position among the survey's result columns.</summary>
    public int Index { get; }

    public FormQuestion Question { get; }

    public string Id => Question.Id;

    public ColumnKind Kind { get; }

    public IReadOnlyList<FormOption> Options { get; }

    /// <summary>Rate questions: the lowest and highest rating.</summary>
    public int Lowest { get; }

    public int Highest { get; }

    /// <summary>A question whose answers fall in exactly one group each: usable as a filter and in a cross-tab.</summary>
    public bool IsSingleChoice => Kind == ColumnKind.Choice;

    /// <summary>The index of an option value, or -1.</summary>
    public int OptionIndex(string value) => _optionIndex.TryGetValue(value, out var i) ? i : -1;
}
