using System.Globalization;
using SaferBcp.Forms.Models;

namespace SaferBcp.Forms.Services;

/// <summary>
/// The names of the posted fields of a question: the question id, or {id}-day, {id}-month and {id}-year
/// for a date, or {id}-1, {id}-2… (one per option, in option order) for rank and rate. Multiple choice
/// posts the id once per ticked box. Element ids match, so an error summary link lands on the (first) input.
/// </summary>
public static class FormFields
{
    /// <summary>Filled only by robots: a visually hidden field labelled "Leave this empty".</summary>
    public const string Honeypot = "contact-website";

    public const string AntiforgeryField = "__RequestVerificationToken";

    public const int DefaultTextMaxLength = 500;

    public const int DefaultLongTextMaxLength = 5000;

    public static IReadOnlyList<string> Names(FormQuestion question) => question.Type switch
    {
        QuestionType.Date => [question.Id + "-day", question.Id + "-month", question.Id + "-year"],
        QuestionType.Rank or QuestionType.Rate => [.. question.Options.Select((_, i) => OptionFieldName(question, i))],
        _ => [question.Id],
    };

    /// <summary>The id of the element an error message links to: the first input of a date, a set of radios or a set of rankings or ratings.</summary>
    public static string FirstElementId(FormQuestion question) => question.Type switch
    {
        QuestionType.Date => question.Id + "-day",
        QuestionType.Rank or QuestionType.Rate => OptionFieldName(question, 0),
        _ => question.Id,
    };

    /// <summary>
    /// The field of the n-th (0-based) option of a rank or rate question: {id}-1, {id}-2… It is also the element
    /// id of the option's select (rank) or of its first rating radio (rate; the others are {id}-1-2, {id}-1-3…).
    /// </summary>
    public static string OptionFieldName(FormQuestion question, int index) => $"{question.Id}-{(index + 1).ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The element id of the n-th (0-based) rating radio of a rate question's option.</summary>
    public static string RatingElementId(FormQuestion question, int optionIndex, int ratingIndex) =>
        ratingIndex == 0 ? OptionFieldName(question, optionIndex) : $"{OptionFieldName(question, optionIndex)}-{(ratingIndex + 1).ToString(CultureInfo.InvariantCulture)}";

    /// <summary>How a rank position reads: 1st, 2nd, 3rd, 4th… 11th, 12th, 13th, 21st.</summary>
    public static string Ordinal(int position)
    {
        var suffix = (position % 100) is 11 or 12 or 13 ? "th" : (position % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };
        return position.ToString(CultureInfo.InvariantCulture) + suffix;
    }

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
        ? question.Options.Count == 2 ? question.Options : [new FormOption { Value = "yes", Label = "Yes" }, new FormOption { Value = "no", Label = "No" }]
        : question.Options;

    /// <summary>Questions answered by choosing option values, which conditions can look for (a scale is a choice).</summary>
    public static bool IsChoice(QuestionType type) =>
        type is QuestionType.SingleChoice or QuestionType.MultipleChoice or QuestionType.Select or QuestionType.YesNo or QuestionType.Scale;

    /// <summary>Questions whose options the form's author lists: choices, scales, and the options to rank or rate.</summary>
    public static bool HasOptions(QuestionType type) => type != QuestionType.YesNo && (IsChoice(type) || type is QuestionType.Rank or QuestionType.Rate);

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

        if (question.Type is QuestionType.Rank or QuestionType.Rate)
        {
            // Rank: the option's position; rate: its rating.
            var byOption = question.Type == QuestionType.Rank ? RatingAnswers.Ranks(values) : RatingAnswers.Ratings(values);
            var fields = new Dictionary<string, IReadOnlyList<string>>();
            for (var i = 0; i < question.Options.Count; i++)
            {
                if (byOption.TryGetValue(question.Options[i].Value, out var number))
                {
                    fields[OptionFieldName(question, i)] = [number.ToString(CultureInfo.InvariantCulture)];
                }
            }

            return fields;
        }

        return new() { [question.Id] = values };
    }
}
