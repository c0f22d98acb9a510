using System.Globalization;
using System.Text.Json;
using SaferBcp.Forms.Models;
using SaferBcp.Forms.Services;
using SaferBcp.Surveys.Models;

namespace SaferBcp.Surveys.Services;

/// <summary>One column of an export: a question, or one option of a multiple-choice (1 or 0), rank (its position) or rate (its rating) question.</summary>
public sealed record ExportColumn(string Name, FormQuestion? Question, FormOption? Option, Coding.Theme? Theme = null)
{
    public string Label => Theme is not null ? $"{Question!.Label}: theme \u201c{Theme.Name}\u201d" : Option is null ? Question?.Label ?? Name : $"{Question!.Label}: {Option.Label}";
}

/// <summary>
/// The shape of a survey's exports: response id and date, then one column per question (one per option for
/// multiple choice, rank and rate), and the codebook that explains them. Free text and personal answers are masked.
/// Contact questions are never exported with the answers: they are not stored with them.
/// </summary>
public sealed class SurveyExportLayout
{
    public const string IdColumn = "response_id";
    public const string DateColumn = "response_date";
    public const string AssistedColumn = "response_assisted";
    public const string ChannelColumn = "response_channel";
    public const string OrganisationColumn = "response_organisation";

    /// <param name="themes">The free-text themes, added as columns after the questions (see <see cref="Coding.ThemeColumns"/>).</param>
    public SurveyExportLayout(FormPart form, Coding.ThemeColumns? themes = null)
    {
        _themes = themes;
        var columns = new List<ExportColumn> { new(IdColumn, null, null), new(DateColumn, null, null) };
        columns.AddRange(Assisted.AssistedExportColumns.Names.Select(name => new ExportColumn(name, null, null)));
        foreach (var question in form.Pages.SelectMany(p => p.Questions))
        {
            if (question.Tag is { } tag && SurveySubmissionHandler.ContactTags.Contains(tag))
            {
                continue;
            }

            if (question.Type is QuestionType.MultipleChoice or QuestionType.Rank or QuestionType.Rate)
            {
                columns.AddRange(question.Options.Select(o => new ExportColumn($"{question.Id}_{o.Value}", question, o)));
            }
            else
            {
                columns.Add(new ExportColumn(question.Id, question, null));
            }
        }

        var questions = form.Pages.SelectMany(p => p.Questions).ToDictionary(q => q.Id);
        columns.AddRange((themes?.Themes ?? []).Where(t => questions.ContainsKey(t.QuestionId)).Select(t => new ExportColumn(Coding.ThemeColumns.ColumnName(t), questions[t.QuestionId], null, t)));
        Columns = columns;
    }

    private readonly Coding.ThemeColumns? _themes;

    public IReadOnlyList<ExportColumn> Columns { get; }

    public IReadOnlyList<string> Header => Columns.Select(c => c.Name).ToList();

    public static readonly string[] CodebookHeader = ["column", "question_id", "label", "type", "options"];

    /// <summary>
    /// The values of one response in column order: strings; 1/0 for an option of a multiple-choice question;
    /// the position (1 = first) or the rating of an option of a rank or rate question, null when not ranked or rated.
    /// </summary>
    public IReadOnlyList<object?> Row(SurveyResponse response)
    {
        var answers = JsonSerializer.Deserialize<Dictionary<string, List<string>>>(response.AnswersJson) ?? [];
        return Columns.Select(column => column.Theme is { } theme ? _themes!.Codings.Value(theme, response.Id) : Value(column, response, answers)).ToList();
    }

    public Dictionary<string, object?> RowByName(SurveyResponse response)
    {
        var values = Row(response);
        var row = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < Columns.Count; i++)
        {
            row[Columns[i].Name] = values[i];
        }

        return row;
    }

    public IEnumerable<Dictionary<string, object?>> Codebook() => Columns.Select(c => new Dictionary<string, object?>
    {
        ["column"] = c.Name,
        ["question_id"] = c.Question?.Id ?? "",
        ["label"] = c.Question is null ? Assisted.AssistedExportColumns.Label(c.Name) ?? (c.Name == IdColumn ? "Response number" : "Day the response was sent (UK date)") : c.Label,
        ["type"] = c.Question is null ? Assisted.AssistedExportColumns.Type(c.Name) ?? (c.Name == IdColumn ? "Number" : "Date") : c.Theme is not null ? Coding.ThemeColumns.ColumnType : OptionColumnType(c.Question, c.Option),
        ["options"] = c.Theme is not null ? c.Theme.Description : c.Question is null || c.Option is not null ? (c.Option?.Value ?? "") : string.Join("; ", c.Question.Options.Select(o => $"{o.Value} = {o.Label}")),
    });

    private static string OptionColumnType(FormQuestion question, FormOption? option)
    {
        if (option is null)
        {
            return question.Type.ToString();
        }

        var (lowest, highest) = RatingAnswers.Range(question);
        return question.Type switch
        {
            QuestionType.Rank => "Rank (1 = first; empty = not ranked)",
            QuestionType.Rate => $"Rating {lowest.ToString(CultureInfo.InvariantCulture)} to {highest.ToString(CultureInfo.InvariantCulture)} (empty = not rated)",
            _ => "MultipleChoice (1 = chosen, 0 = not chosen)",
        };
    }

    public static bool IsMasked(FormQuestion question) =>
        question.Personal || question.Type is QuestionType.Text or QuestionType.LongText or QuestionType.Email or QuestionType.UkPhone or QuestionType.UkPostcode;

    private static object? Value(ExportColumn column, SurveyResponse response, Dictionary<string, List<string>> answers)
    {
        if (column.Question is null)
        {
            if (Assisted.AssistedExportColumns.Value(column.Name, answers) is { } assisted)
            {
                return assisted;
            }

            return column.Name == IdColumn ? response.Id.ToString(CultureInfo.InvariantCulture) : response.ResponseDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        var values = answers.GetValueOrDefault(column.Question.Id) ?? [];
        if (column.Option is { } option)
        {
            return column.Question.Type switch
            {
                QuestionType.Rank => RatingAnswers.Ranks(values).TryGetValue(option.Value, out var position) ? position : null,
                QuestionType.Rate => RatingAnswers.Ratings(values).TryGetValue(option.Value, out var rating) ? rating : null,
                _ => values.Contains(option.Value) ? 1 : 0,
            };
        }

        var text = string.Join("; ", values);
        return IsMasked(column.Question) ? PersonalDataMasker.Mask(text) : text;
    }
}
