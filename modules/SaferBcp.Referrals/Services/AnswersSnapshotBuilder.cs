using System.Globalization;
using SaferBcp.Forms.Models;

namespace SaferBcp.Referrals.Services;

/// <summary>Turns answers into the rows an officer reads: page title, question label, answer text.</summary>
public static class AnswersSnapshotBuilder
{
    public static AnswersSnapshot Build(FormPart form, FormAnswers answers)
    {
        var rows = new List<AnswerRow>();
        foreach (var page in form.Pages)
        {
            foreach (var question in page.Questions)
            {
                var values = answers.All(question.Id);
                if (values.Count == 0)
                {
                    continue;
                }

                rows.Add(new AnswerRow(page.Title, question.Label, string.Join(", ", values.Select(v => Text(question, v)))));
            }
        }

        var raw = answers.Values.ToDictionary(kv => kv.Key, kv => kv.Value.ToList(), StringComparer.Ordinal);
        return new AnswersSnapshot(rows, raw);
    }

    private static string Text(FormQuestion question, string value)
    {
        switch (question.Type)
        {
            case QuestionType.YesNo:
                return value.Equals("yes", StringComparison.OrdinalIgnoreCase) ? "Yes" : value.Equals("no", StringComparison.OrdinalIgnoreCase) ? "No" : value;
            case QuestionType.Date when DateOnly.TryParseExact(value, "yyyy-MM-dd", out var date):
                return date.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
            default:
                return question.Options.FirstOrDefault(o => o.Value == value)?.Label ?? value;
        }
    }
}
