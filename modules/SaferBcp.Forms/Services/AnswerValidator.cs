using System.Globalization;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Formats;
using SaferBcp.Forms.Models;

namespace SaferBcp.Forms.Services;

/// <summary>What one question's posted fields mean: the answer to store, or the error to show and where.</summary>
/// <param name="Values">The answer (empty when not answered or when there is an error).</param>
/// <param name="Error">A GOV.UK-style message, or null.</param>
/// <param name="ErrorElementId">The input the error summary links to.</param>
public sealed record AnswerResult(IReadOnlyList<string> Values, string? Error, string ErrorElementId)
{
    public bool IsValid => Error is null;
}

/// <summary>Checks the answer to one question against its type and rules, with GOV.UK's error wording.</summary>
public sealed class AnswerValidator
{
    private readonly TimeProvider _clock;

    public AnswerValidator(TimeProvider clock) => _clock = clock;

    /// <param name="posted">The posted values of a field name (empty when absent).</param>
    public AnswerResult Check(FormQuestion question, Func<string, IReadOnlyList<string>> posted)
    {
        var id = FormFields.FirstElementId(question);
        string First(string name) => posted(name) is { Count: > 0 } v ? (v[0] ?? "").Trim() : "";
        AnswerResult Ok(params string[] values) => new(values, null, id);
        AnswerResult Fail(string message, string? elementId = null) => new([], message, elementId ?? id);
        var name = question.ShortName is { Length: > 0 } shortName ? shortName.Trim() : null;

        switch (question.Type)
        {
            case QuestionType.Date:
                return CheckDate(question, First(question.Id + "-day"), First(question.Id + "-month"), First(question.Id + "-year"));

            case QuestionType.MultipleChoice:
            {
                var chosen = posted(question.Id).Select(v => (v ?? "").Trim()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList();
                if (chosen.Count == 0)
                {
                    return question.Required ? Fail(name is null ? "Select at least one answer" : $"Select {name}") : Ok();
                }

                var allowed = FormFields.Options(question).Select(o => o.Value).ToHashSet(StringComparer.Ordinal);
                return chosen.All(allowed.Contains) ? new AnswerResult(chosen, null, id) : Fail(name is null ? "Select at least one answer from the list" : $"Select {name} from the list");
            }

            case QuestionType.Rank:
                return CheckRank(question, First);

            case QuestionType.Rate:
                return CheckRate(question, First);

            case QuestionType.SingleChoice or QuestionType.Select or QuestionType.YesNo or QuestionType.Scale:
            {
                var value = First(question.Id);
                if (value.Length == 0)
                {
                    return question.Required ? Fail(name is null ? (question.Type == QuestionType.YesNo ? "Select yes or no" : "Select an answer") : $"Select {name}") : Ok();
                }

                return FormFields.Options(question).Any(o => o.Value == value) ? Ok(value) : Fail(name is null ? "Select an answer from the list" : $"Select {name} from the list");
            }
        }

        var text = First(question.Id);
        if (question.Type == QuestionType.LongText)
        {
            // Browsers post a textarea's line breaks as CRLF; count and keep them as one character.
            text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        }

        if (text.Length == 0)
        {
            if (!question.Required)
            {
                return Ok();
            }

            return Fail(question.Type switch
            {
                QuestionType.Email => $"Enter {name ?? "an email address"}",
                QuestionType.UkPhone => $"Enter {name ?? "a phone number"}",
                QuestionType.UkPostcode => $"Enter {name ?? "a postcode"}",
                QuestionType.Number => $"Enter {name ?? "a number"}",
                _ => $"Enter {name ?? "an answer"}",
            });
        }

        var subject = Capitalise(name ?? question.Type switch
        {
            QuestionType.Email => "email address",
            QuestionType.UkPhone => "phone number",
            QuestionType.UkPostcode => "postcode",
            QuestionType.Number => "the number",
            _ => "your answer",
        });

        var max = FormFields.MaxLength(question);
        if (text.Length > max)
        {
            return Fail($"{subject} must be {max} characters or fewer");
        }

        if (question.MinLength is { } min && text.Length < min && question.Type is QuestionType.Text or QuestionType.LongText)
        {
            return Fail($"{subject} must be {min} characters or more");
        }

        switch (question.Type)
        {
            case QuestionType.Email:
                // The outbox's own rule (MimeKit): an address accepted here can always be emailed after she presses Send.
                return EmailAddress.TryParse(text, out var email) && email.IsInternetAddress ? Ok(email.Value) : Fail("Enter an email address in the correct format, like name@example.com");

            case QuestionType.UkPhone:
                return UkPhoneNumber.TryParse(text, out var phone) ? Ok(phone.Display) : Fail("Enter a UK phone number, like 01202 123456, 07700 900123 or +44 7700 900123");

            case QuestionType.UkPostcode:
                return UkPostcode.TryParse(text, out var postcode) ? Ok(postcode.ToString()) : Fail("Enter a full UK postcode, like BH1 1AA");

            case QuestionType.Number:
            {
                if (!decimal.TryParse(text.Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var number))
                {
                    return Fail($"{subject} must be a number");
                }

                if (question.Min is { } least && number < least)
                {
                    return Fail($"{subject} must be {least.ToString(CultureInfo.InvariantCulture)} or more");
                }

                if (question.Max is { } most && number > most)
                {
                    return Fail($"{subject} must be {most.ToString(CultureInfo.InvariantCulture)} or less");
                }

                return Ok(number.ToString(CultureInfo.InvariantCulture));
            }

            default:
                return Ok(text);
        }
    }

    /// <summary>Each option's select posts its position (1 = first) or nothing; the answer lists option values by position.</summary>
    private static AnswerResult CheckRank(FormQuestion question, Func<string, string> first)
    {
        var options = question.Options;
        var positions = new int?[options.Count];
        AnswerResult Fail(string message, int index) => new([], message, FormFields.OptionFieldName(question, index));

        for (var i = 0; i < options.Count; i++)
        {
            var posted = first(FormFields.OptionFieldName(question, i));
            if (posted.Length == 0)
            {
                continue;
            }

            if (!int.TryParse(posted, NumberStyles.None, CultureInfo.InvariantCulture, out var position) || position < 1 || position > options.Count)
            {
                return Fail($"Choose a position for {options[i].Label} from the list", i);
            }

            positions[i] = position;
        }

        for (var i = 0; i < options.Count; i++)
        {
            if (positions[i] is { } position && Array.IndexOf(positions, position) < i)
            {
                return Fail("Give each option a different position", i);
            }
        }

        var unranked = Array.IndexOf(positions, null);
        if (question.Required && unranked >= 0)
        {
            return Fail("Put every option in order", unranked);
        }

        var ranked = positions.Count(p => p is not null);
        if (ranked == 0)
        {
            return new([], null, FormFields.FirstElementId(question));
        }

        // Positions are distinct, so 1st to k-th without gaps means the last is the k-th.
        if (positions.Max() != ranked)
        {
            return Fail(
                ranked == 1 ? "Give the option you have put in order the position 1st" : $"Use positions 1st to {FormFields.Ordinal(ranked)} for the {ranked.ToString(CultureInfo.InvariantCulture)} options you have put in order",
                Array.FindIndex(positions, p => p > ranked));
        }

        var values = Enumerable.Range(0, options.Count).Where(i => positions[i] is not null).OrderBy(i => positions[i]).Select(i => options[i].Value).ToList();
        return new(values, null, FormFields.FirstElementId(question));
    }

    /// <summary>Each option posts its rating (a radio's value) or nothing; the answer is "{option value}={rating}" per rated option.</summary>
    private static AnswerResult CheckRate(FormQuestion question, Func<string, string> first)
    {
        var (lowest, highest) = RatingAnswers.Range(question);
        var options = question.Options;
        var values = new List<string>();
        var unrated = -1;
        for (var i = 0; i < options.Count; i++)
        {
            var posted = first(FormFields.OptionFieldName(question, i));
            if (posted.Length == 0)
            {
                unrated = unrated < 0 ? i : unrated;
                continue;
            }

            if (!int.TryParse(posted, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var rating) || rating < lowest || rating > highest)
            {
                return new([], $"Rate {options[i].Label} with a whole number from {lowest.ToString(CultureInfo.InvariantCulture)} to {highest.ToString(CultureInfo.InvariantCulture)}", FormFields.OptionFieldName(question, i));
            }

            values.Add(RatingAnswers.Format(options[i].Value, rating));
        }

        if (question.Required && unrated >= 0)
        {
            return new([], "Rate every option", FormFields.OptionFieldName(question, unrated));
        }

        return new(values, null, FormFields.FirstElementId(question));
    }

    private AnswerResult CheckDate(FormQuestion question, string day, string month, string year)
    {
        var named = question.ShortName is { Length: > 0 } n ? n.Trim() : "the date";
        var subject = Capitalise(named);
        var id = question.Id;
        AnswerResult Fail(string message, string part) => new([], message, $"{id}-{part}");

        if (day.Length == 0 && month.Length == 0 && year.Length == 0)
        {
            return question.Required ? Fail($"Enter {named}", "day") : new AnswerResult([], null, id + "-day");
        }

        var missing = new[] { ("day", day), ("month", month), ("year", year) }.Where(p => p.Item2.Length == 0).Select(p => p.Item1).ToList();
        if (missing.Count > 0)
        {
            return Fail($"{subject} must include a {string.Join(" and a ", missing)}", missing[0]);
        }

        if (!int.TryParse(day, NumberStyles.None, CultureInfo.InvariantCulture, out var d))
        {
            return Fail($"{subject} must be a real date", "day");
        }

        if (!int.TryParse(month, NumberStyles.None, CultureInfo.InvariantCulture, out var m))
        {
            return Fail($"{subject} must be a real date", "month");
        }

        if (year.Length != 4 || !int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y))
        {
            return Fail("Year must include 4 numbers", "year");
        }

        if (m is < 1 or > 12 || y < 1900 || d < 1 || d > DateTime.DaysInMonth(y, m))
        {
            return Fail($"{subject} must be a real date", m is < 1 or > 12 ? "month" : y < 1900 ? "year" : "day");
        }

        var date = new DateOnly(y, m, d);
        var today = UkTime.Today(_clock);
        if (question.DateRule == DateRule.NotInFuture && date > today)
        {
            return Fail($"{subject} must be today or in the past", "day");
        }

        if (question.DateRule == DateRule.NotInPast && date < today)
        {
            return Fail($"{subject} must be today or in the future", "day");
        }

        return new AnswerResult([date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)], null, id + "-day");
    }

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
