using SaferBcp.Forms.Models;
using SaferBcp.Referrals.Models;

namespace SaferBcp.Referrals.Services;

/// <summary>What routing needs from a submission, read by question tag (never by id or wording).</summary>
public sealed record ReferralFacts(string? FormSlug, Area? Area, string? AgeBand, int RiskIndicators, bool? ChildrenInHousehold)
{
    public bool Under18 => AgeBands.IsUnder18(AgeBand);
}

/// <summary>Reads a form's answers by the tags of its questions.</summary>
public static class AnswerTags
{
    public const string Area = "area";
    public const string AgeBand = "age-band";
    public const string DateOfBirth = "date-of-birth";
    public const string RiskIndicator = "risk-indicator";
    public const string ChildrenInHousehold = "children-in-household";
    public const string SafeEmailOk = "safe-email-ok";
    public const string Email = "email";
    public const string SafeEmail = "safe-email";

    public static ReferralFacts Read(string formSlug, FormPart form, FormAnswers answers, DateOnly today)
    {
        var questions = form.Pages.SelectMany(p => p.Questions).ToList();
        string? First(string tag) => questions.Where(q => Is(q, tag)).Select(q => answers.First(q.Id)).FirstOrDefault(a => !string.IsNullOrWhiteSpace(a));

        var ageBand = Normalize(First(AgeBand));
        if (ageBand is null && DateOnly.TryParseExact(First(DateOfBirth), "yyyy-MM-dd", out var dob))
        {
            ageBand = AgeBands.FromDateOfBirth(dob, today);
        }

        var risks = questions.Count(q => Is(q, RiskIndicator) && IsYes(answers.First(q.Id)));
        var children = First(ChildrenInHousehold) is { } c ? IsYes(c) : (bool?)null;
        return new ReferralFacts(formSlug, AreaNames.Parse(First(Area)), ageBand, risks, children);
    }

    /// <summary>
    /// The address to acknowledge to, only when the person said email is safe. Her answer passed the same rule on its
    /// page; checked again so that an answer kept from before a rule changed skips the acknowledgement rather than fail her referral.
    /// </summary>
    public static string? SafeEmailAddress(FormPart form, FormAnswers answers)
    {
        var questions = form.Pages.SelectMany(p => p.Questions).ToList();
        var ok = questions.Where(q => Is(q, SafeEmailOk)).Select(q => answers.First(q.Id)).Any(IsYes);
        if (!ok)
        {
            return null;
        }

        return questions.Where(q => Is(q, Email) || Is(q, SafeEmail)).Select(q => answers.First(q.Id)?.Trim())
            .FirstOrDefault(a => SaferBcp.Cms.Formats.EmailAddress.IsValid(a));
    }

    public static bool IsYes(string? answer) => string.Equals(answer?.Trim(), "yes", StringComparison.OrdinalIgnoreCase);

    private static bool Is(FormQuestion question, string tag) => string.Equals(question.Tag, tag, StringComparison.OrdinalIgnoreCase);

    private static string? Normalize(string? band)
    {
        if (band is null)
        {
            return null;
        }

        var value = band.Trim().ToLowerInvariant();
        return AgeBands.All.Contains(value) ? value : null;
    }
}
