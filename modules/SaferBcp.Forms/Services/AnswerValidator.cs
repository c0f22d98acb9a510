using System.Globalization;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Formats;
using Microsoft.Extensions.Localization;
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

    // In the visitor's language (the current UI culture); "{0}" is the question's short name in that language.
    private readonly IStringLocalizer<FormsText> T;

    public AnswerValidator(TimeProvider clock, IStringLocalizer<FormsText> localizer)
    {
        _clock = clock;
        T = localizer;
    }

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
                    return question.Required ? Fail(name is null ? T["Select at least one answer"] : T["Select {0}", name]) : Ok();
                }

                var allowed = FormFields.Options(question).Select(o => o.Value).ToHashSet(StringComparer.Ordinal);
                return chosen.All(allowed.Contains) ? new AnswerResult(chosen, null, id) : Fail(name is null ? T["Select at least one answer from the list"] : T["Select {0} from the list", name]);
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
                    return question.Required ? Fail(name is null ? (question.Type == QuestionType.YesNo ? T["Select yes or no"] : T["Select an answer"]) : T["Select {0}", name]) : Ok();
                }

                return FormFields.Options(question).Any(o => o.Value == value) ? Ok(value) : Fail(name is null ? T["Select an answer from the list"] : T["Select {0} from the list", name]);
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

            return Fail(name is not null ? T["Enter {0}", name] : question.Type switch
            {
                QuestionType.Email => T["Enter an email address"],
                QuestionType.UkPhone => T["Enter a phone number"],
                QuestionType.UkPostcode => T["Enter a postcode"],
                QuestionType.Number => T["Enter a number"],
                _ => T["Enter an answer"],
            });
        }

        var subject = Capitalise(name ?? question.Type switch
        {
            QuestionType.Email => T["email address"],
            QuestionType.UkPhone => T["phone number"],
            QuestionType.UkPostcode => T["postcode"],
            QuestionType.Number => T["the number"],
            _ => T["your answer"],
        });

        var max = FormFields.MaxLength(question);
        if (text.Length > max)
        {
            return Fail(T["{0} must be {1} characters or fewer", subject, max]);
        }

        if (question.MinLength is { } min && text.Length < min && question.Type is QuestionType.Text or QuestionType.LongText)
        {
            return Fail(T["{0} must be {1} characters or more", subject, min]);
        }

        switch (question.Type)
        {
            case QuestionType.Email:
                // The outbox's own rule (MimeKit): an address accepted here can always be emailed after she presses Send.
                return EmailAddress.TryParse(text, out var email) && email.IsInternetAddress ? Ok(email.Value) : Fail(T["Enter an email address in the correct format, like name@example.com"]);

            case QuestionType.UkPhone:
                return UkPhoneNumber.TryParse(text, out var phone) ? Ok(phone.Display) : Fail(T["Enter a UK phone number, like 01202 123456, 07700 900123 or +44 7700 900123"]);

            case QuestionType.UkPostcode:
                return UkPostcode.TryParse(text, out var postcode) ? Ok(postcode.ToString()) : Fail(T["Enter a full UK postcode, like BH1 1AA"]);

            case QuestionType.Number:
            {
                if (!decimal.TryParse(text.Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var number))
                {
                    return Fail(T["{0} must be a number", subject]);
                }

                if (question.Min is { } least && number < least)
                {
                    return Fail(T["{0} must be {1} or more", subject, least.ToString(CultureInfo.InvariantCulture)]);
                }

                if (question.Max is { } most && number > most)
                {
                    return Fail(T["{0} must be {1} or less", subject, most.ToString(CultureInfo.InvariantCulture)]);
                }

                return Ok(number.ToString(CultureInfo.InvariantCulture));
            }

            default:
                return Ok(text);
        }
    }

    /// <summary>Each option's select posts its position (1 = first) or nothing; the answer lists option values by position.</summary>
    private AnswerResult CheckRank(FormQuestion question, Func<string, string> first)
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
                return Fail(T["Choose a position for {0} from the list", options[i].Label], i);
            }

            positions[i] = position;
        }

        for (var i = 0; i < options.Count; i++)
        {
            if (positions[i] is { } position && Array.IndexOf(positions, position) < i)
            {
                return Fail(T["Give each option a different position"], i);
            }
        }

        var unranked = Array.IndexOf(positions, null);
        if (question.Required && unranked >= 0)
        {
            return Fail(T["Put every option in order"], unranked);
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
                ranked == 1 ? T["Give the option you have put in order the position 1st"] : T["Use positions 1st to {0} for the {1} options you have put in order", FormFields.Ordinal(ranked), ranked.ToString(CultureInfo.InvariantCulture)],
                Array.FindIndex(positions, p => p > ranked));
        }

        var values = Enumerable.Range(0, options.Count).Where(i => positions[i] is not null).OrderBy(i => positions[i]).Select(i => options[i].Value).ToList();
        return new(values, null, FormFields.FirstElementId(question));
    }

    /// <summary>Each option posts its rating (a radio's value) or nothing; the answer is "{option value}={rating}" per rated option.</summary>
    private AnswerResult CheckRate(FormQuestion question, Func<string, string> first)
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
                return new([], T["Rate {0} with a whole number from {1} to {2}", options[i].Label, lowest.ToString(CultureInfo.InvariantCulture), highest.ToString(CultureInfo.InvariantCulture)], FormFields.OptionFieldName(question, i));
            }

            values.Add(RatingAnswers.Format(options[i].Value, rating));
        }

        if (question.Required && unrated >= 0)
        {
            return new([], T["Rate every option"], FormFields.OptionFieldName(question, unrated));
        }

        return new(values, null, FormFields.FirstElementId(question));
    }

    private AnswerResult CheckDate(FormQuestion question, string day, string month, string year)
    {
        var named = question.ShortName is { Length: > 0 } n ? n.Trim() : null;
        // Separate strings for "Enter the date" and "The date must…": other languages word the two differently.
        var subject = named is null ? T["The date"] : Capitalise(named);
        var id = question.Id;
        AnswerResult Fail(string message, string part) => new([], message, $"{id}-{part}");

        if (day.Length == 0 && month.Length == 0 && year.Length == 0)
        {
            return question.Required ? Fail(named is null ? T["Enter the date"] : T["Enter {0}", named], "day") : new AnswerResult([], null, id + "-day");
        }

        var missing = new[] { ("day", day), ("month", month), ("year", year) }.Where(p => p.Item2.Length == 0).Select(p => p.Item1).ToList();
        if (missing.Count > 0)
        {
            var message = string.Join(",", missing) switch
            {
                "day" => T["{0} must include a day", subject],
                "month" => T["{0} must include a month", subject],
                "year" => T["{0} must include a year", subject],
                "day,month" => T["{0} must include a day and a month", subject],
                "day,year" => T["{0} must include a day and a year", subject],
                _ => T["{0} must include a month and a year", subject],
            };
            return Fail(message, missing[0]);
        }

        if (!int.TryParse(day, NumberStyles.None, CultureInfo.InvariantCulture, out var d))
        {
            return Fail(T["{0} must be a real date", subject], "day");
        }

        if (!int.TryParse(month, NumberStyles.None, CultureInfo.InvariantCulture, out var m))
        {
            return Fail(T["{0} must be a real date", subject], "month");
        }

        if (year.Length != 4 || !int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y))
        {
            return Fail(T["Year must include 4 numbers"], "year");
        }

        if (m is < 1 or > 12 || y < 1900 || d < 1 || d > DateTime.DaysInMonth(y, m))
        {
            return Fail(T["{0} must be a real date", subject], m is < 1 or > 12 ? "month" : y < 1900 ? "year" : "day");
        }

        var date = new DateOnly(y, m, d);
        var today = UkTime.Today(_clock);
        if (question.DateRule == DateRule.NotInFuture && date > today)
        {
            return Fail(T["{0} must be today or in the past", subject], "day");
        }

        if (question.DateRule == DateRule.NotInPast && date < today)
        {
            return Fail(T["{0} must be today or in the future", subject], "day");
        }

        return new AnswerResult([date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)], null, id + "-day");
    }

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
