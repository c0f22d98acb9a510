using System.Globalization;
using SaferBcp.Forms.Models;

namespace SaferBcp.Forms.Services;

/// <summary>
/// The names of the posted fields of a question: the question id, or {id}-day, {id}-month and {id}-year
/// for a date. Multiple choice posts the id once per ticked box. Element ids match, so an error summary
/// link lands on the (first) input.
/// </summary>
public static class FormFields
{
    /// <summary>Filled only by robots: a visually hidden field labelled "Leave this empty".</summary>
    public const string Honeypot = "contact-website";

    public const string AntiforgeryField = "__RequestVerificationToken";

    public const int DefaultTextMaxLength = 500;

    public const int DefaultLongTextMaxLength = 5000;

    public static IReadOnlyList<string> Names(FormQuestion question) => question.Type == QuestionType.Date
        ? [question.Id + "-day", question.Id + "-month", question.Id + "-year"]
        : [question.Id];

    /// <summary>The id of the element an error message links to: the first input of a date or a set of radios.</summary>
    public static string FirstElementId(FormQuestion question) => question.Type == QuestionType.Date ? question.Id + "-day" : question.Id;

    /// <summary>The element id of the n-th (0-based) radio or checkbox: GOV.UK's {id}, {id}-2, {id}-3…</summary>
    public static string OptionElementId(FormQuestion question, int index) => index == 0 ? question.Id : $"{question.Id}-{index + 1}";

    public static int MaxLength(FormQuestion question) => question.MaxLength ?? question.Type switch
    {
        QuestionType.LongText => DefaultLongTextMaxLength,
        QuestionType.Email => 320,
        QuestionType.UkPhone => 30,
        QuestionType.UkPostcode => 10,
        QuestionType.Number => 30,
        _ => DefaultTextMaxLength,
    };

    /// <summary>The options a choice question offers; yes/no has its own two.</summary>
    public static IReadOnlyList<FormOption> Options(FormQuestion question) => question.Type == QuestionType.YesNo
        ? [new FormOption { Value = "yes", Label = "Yes" }, new FormOption { Value = "no", Label = "No" }]
        : question.Options;

    public static bool IsChoice(QuestionType type) =>
        type is QuestionType.SingleChoice or QuestionType.MultipleChoice or QuestionType.Select or QuestionType.YesNo;

    /// <summary>The field values that show a stored answer again in its inputs.</summary>
    public static Dictionary<string, IReadOnlyList<string>> FromAnswer(FormQuestion question, FormAnswers answers)
    {
        var values = answers.All(question.Id);
        if (question.Type == QuestionType.Date)
        {
            if (values.Count > 0 && DateOnly.TryParseExact(values[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return new()
                {
                    [question.Id + "-day"] = [date.Day.ToString(CultureInfo.InvariantCulture)],
                    [question.Id + "-month"] = [date.Month.ToString(CultureInfo.InvariantCulture)],
                    [question.Id + "-year"] = [date.Year.ToString(CultureInfo.InvariantCulture)],
                };
            }

            return [];
        }

        return new() { [question.Id] = values };
    }
}
