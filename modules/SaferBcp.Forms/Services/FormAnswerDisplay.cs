using System.Globalization;
using SaferBcp.Forms.Models;

namespace SaferBcp.Forms.Services;

/// <summary>One answer as a person reads it: "27 November 2026", "Yes", the option's label rather than its value.</summary>
public sealed record FormAnswerRow(string PageId, string PageTitle, string QuestionId, string QuestionLabel, string AnswerText, bool Answered, bool Personal, string? Tag);

/// <summary>Turns a form's answers into rows of page title, question label and answer text (check answers, officers' views, print).</summary>
public static class FormAnswerDisplay
{
    public const string NotAnswered = "Not answered";

    /// <summary>A row for every question of every page that has questions (use <see cref="FormJourney.AnswersOnRoute"/> first to show only the route).</summary>
    public static IReadOnlyList<FormAnswerRow> Rows(FormPart form, FormAnswers answers, bool onlyAnswered = false)
    {
        var rows = new List<FormAnswerRow>();
        foreach (var page in form.Pages)
        {
            foreach (var question in page.Questions)
            {
                var values = answers.All(question.Id);
                if (onlyAnswered && values.Count == 0)
                {
                    continue;
                }

                rows.Add(new FormAnswerRow(page.Id, page.Title, question.Id, question.Label, Text(question, values), values.Count > 0, question.Personal, question.Tag));
            }
        }

        return rows;
    }

    /// <summary>The rows of the questions on the person's route only.</summary>
    public static IReadOnlyList<FormAnswerRow> RouteRows(FormPart form, FormAnswers answers)
    {
        var route = new FormJourney(form).Route(answers).Where(p => !p.EndsJourney).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var onRoute = new FormJourney(form).AnswersOnRoute(answers);
        return Rows(form, onRoute).Where(r => route.Contains(r.PageId)).ToList();
    }

    public static string Text(FormQuestion question, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return NotAnswered;
        }

        switch (question.Type)
        {
            case QuestionType.Date:
                return DateOnly.TryParseExact(values[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? date.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))
                    : values[0];
            case QuestionType.SingleChoice or QuestionType.MultipleChoice or QuestionType.Select or QuestionType.YesNo or QuestionType.Scale:
                return string.Join("\n", values.Select(v => OptionLabel(question, v)));
            case QuestionType.Rank:
                return string.Join("\n", values.Select((v, i) => $"{(i + 1).ToString(CultureInfo.InvariantCulture)}. {OptionLabel(question, v)}"));
            case QuestionType.Rate:
            {
                var ratings = RatingAnswers.Ratings(values);
                var highest = RatingAnswers.Range(question).Highest.ToString(CultureInfo.InvariantCulture);
                return string.Join("\n", question.Options.Where(o => ratings.ContainsKey(o.Value)).Select(o => $"{o.Label}: {ratings[o.Value].ToString(CultureInfo.InvariantCulture)} out of {highest}"));
            }
            default:
                return string.Join("\n", values);
        }
    }

    private static string OptionLabel(FormQuestion question, string value) => FormFields.Options(question).FirstOrDefault(o => o.Value == value)?.Label ?? value;
}
