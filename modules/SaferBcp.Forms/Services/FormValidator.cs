using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Data;
using SaferBcp.Forms.Models;

namespace SaferBcp.Forms.Services;

/// <summary>
/// Checks a form before it is saved: a lower-case slug unique within its kind, unique page and question
/// ids, conditions only on earlier questions, options for choice questions, content on every page.
/// </summary>
public sealed partial class FormValidator : IContentValidator
{
    /// <summary>The most points a rate question's scale can have (1 to 10).</summary>
    public const int MaxRatingPoints = 10;

    private static readonly HashSet<string> ReservedPageIds = ["check", "confirmation"];
    private readonly CmsDbContext _db;
    private readonly IReadOnlyList<FormKind> _kinds;

    // The kernel's DbContext rather than ContentManager, which depends on the validators.
    public FormValidator(CmsDbContext db, IEnumerable<FormKind> kinds)
    {
        _db = db;
        _kinds = kinds.ToList();
    }

    public async Task ValidateAsync(ContentItem item, ContentValidationResult result)
    {
        if (item.ContentType != FormTypes.Form)
        {
            return;
        }

        var form = item.As<FormPart>();
        if (form.Slug.Length == 0)
        {
            result.Add("FormPart.Slug", "Enter a short web address for the form, like support-for-me");
        }
        else if (!IdPattern().IsMatch(form.Slug))
        {
            result.Add("FormPart.Slug", "The form's web address can only use lower-case letters, numbers and hyphens, like support-for-me");
        }

        if (_kinds.All(k => k.Name != form.Kind))
        {
            result.Add("FormPart.Kind", "Choose what the form is for");
        }
        else if (form.Slug.Length > 0)
        {
            var others = await _db.ContentItems.AsNoTracking().Where(c => c.ContentType == FormTypes.Form && c.ContentItemId != item.ContentItemId && (c.Latest || c.Published)).ToListAsync();
            if (others.FirstOrDefault(o => o.As<FormPart>() is var p && p.Kind == form.Kind && p.Slug == form.Slug) is { } taken)
            {
                result.Add("FormPart.Slug", $"The web address {form.Slug} is already used by the form \u201c{taken.DisplayText}\u201d. Choose another one");
            }
        }

        if (form.SentHeading is { Length: > SentHeadingMaxLength })
        {
            result.Add("FormPart.SentHeading", $"The heading of the confirmation page must be {SentHeadingMaxLength} characters or fewer");
        }

        ValidatePages(form, result);
        ValidateTranslations(form, result);
    }

    /// <summary>A translation may only name the form's own pages, questions and option values, in a language the site is served in.</summary>
    public static void ValidateTranslations(FormPart form, ContentValidationResult result)
    {
        var pages = form.Pages.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var questions = form.Pages.SelectMany(p => p.Questions).GroupBy(q => q.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var (culture, translation) in form.Translations)
        {
            if (!SaferBcp.Cms.Localization.PortalCultures.IsTranslated(culture))
            {
                result.Add("FormPart.Translations", $"The site is not served in the language ‘{culture}’: translations can be in {string.Join(" or ", SaferBcp.Cms.Localization.PortalCultures.Translated)}");
                continue;
            }

            foreach (var pageId in translation.Pages.Keys.Where(id => !pages.Contains(id)))
            {
                result.Add("FormPart.Translations", $"The {culture} translation names a page the form does not have: {pageId}");
            }

            foreach (var (questionId, question) in translation.Questions)
            {
                if (!questions.TryGetValue(questionId, out var original))
                {
                    result.Add("FormPart.Translations", $"The {culture} translation names a question the form does not have: {questionId}");
                    continue;
                }

                foreach (var value in question.Options.Keys.Where(v => original.Options.All(o => o.Value != v)))
                {
                    result.Add("FormPart.Translations", $"The {culture} translation of {questionId} names an option the question does not have: {value}");
                }
            }
        }
    }

    /// <summary>The panel's heading is large type: longer than this wraps onto several lines on a phone.</summary>
    public const int SentHeadingMaxLength = 60;

    public static void ValidatePages(FormPart form, ContentValidationResult result)
    {
        if (form.Pages.Count == 0)
        {
            result.Add("FormPart.Pages", "Add at least one page");
        }

        var pageIds = new HashSet<string>(StringComparer.Ordinal);
        var fieldNames = new HashSet<string>(StringComparer.Ordinal) { FormFields.Honeypot };
        var earlier = new Dictionary<string, FormQuestion>(StringComparer.Ordinal);
        for (var p = 0; p < form.Pages.Count; p++)
        {
            var page = form.Pages[p];
            var prefix = $"FormPart.Pages[{p}]";
            var pageName = $"Page {p + 1}";
            if (!IdPattern().IsMatch(page.Id))
            {
                result.Add(prefix + ".Id", $"{pageName}: the page id can only use lower-case letters, numbers and hyphens, like about-you");
            }
            else if (ReservedPageIds.Contains(page.Id))
            {
                result.Add(prefix + ".Id", $"{pageName}: the page id \u2018{page.Id}\u2019 is used by the form itself. Choose another one");
            }
            else if (!pageIds.Add(page.Id))
            {
                result.Add(prefix + ".Id", $"{pageName}: another page already has the id \u2018{page.Id}\u2019");
            }

            if (page.Questions.Count == 0 && string.IsNullOrWhiteSpace(page.InterruptionMarkdown))
            {
                result.Add(prefix + ".InterruptionMarkdown", $"{pageName}: add a question or the text of the interruption");
            }

            if (page.Questions.Count == 0 && string.IsNullOrWhiteSpace(page.Title))
            {
                result.Add(prefix + ".Title", $"{pageName}: enter a heading for the interruption page");
            }

            if (page.Questions.Count > 1 && string.IsNullOrWhiteSpace(page.Title))
            {
                result.Add(prefix + ".Title", $"{pageName}: enter a heading for a page with several questions");
            }

            if (page.EndsJourney && page.Questions.Count > 0)
            {
                result.Add(prefix + ".EndsJourney", $"{pageName}: a page that ends the form cannot have questions");
            }

            for (var c = 0; c < page.ShowWhen.Count; c++)
            {
                var condition = page.ShowWhen[c];
                if (!earlier.TryGetValue(condition.QuestionId, out var source))
                {
                    result.Add($"{prefix}.ShowWhen[{c}].QuestionId", $"{pageName}: a condition can only use a question on an earlier page");
                }
                else if (condition.Operator != ConditionOperator.Answered && source.Type is QuestionType.Rank or QuestionType.Rate)
                {
                    result.Add($"{prefix}.ShowWhen[{c}].Operator", $"{pageName}: a condition on a ranking or rating question can only check that it has been answered");
                }
                else if (condition.Operator != ConditionOperator.Answered)
                {
                    var options = FormFields.Options(source);
                    if (condition.Values.Count == 0)
                    {
                        result.Add($"{prefix}.ShowWhen[{c}].Values", $"{pageName}: enter the answers the condition looks for");
                    }
                    else if (FormFields.IsChoice(source.Type) && condition.Values.FirstOrDefault(v => options.All(o => o.Value != v)) is { } unknown)
                    {
                        result.Add($"{prefix}.ShowWhen[{c}].Values", $"{pageName}: \u2018{unknown}\u2019 is not an answer to \u201c{source.Label}\u201d");
                    }
                }
            }

            for (var q = 0; q < page.Questions.Count; q++)
            {
                var question = page.Questions[q];
                var field = $"{prefix}.Questions[{q}]";
                var questionName = $"{pageName}, question {q + 1}";
                if (!IdPattern().IsMatch(question.Id))
                {
                    result.Add(field + ".Id", $"{questionName}: the question id can only use lower-case letters, numbers and hyphens, like your-name");
                }
                else if (earlier.ContainsKey(question.Id) || FormFields.Names(question).Any(n => !fieldNames.Add(n)))
                {
                    result.Add(field + ".Id", $"{questionName}: another question already uses the id \u2018{question.Id}\u2019");
                }

                if (string.IsNullOrWhiteSpace(question.Label))
                {
                    result.Add(field + ".Label", $"{questionName}: enter the question");
                }

                if (question.Type is QuestionType.SingleChoice or QuestionType.MultipleChoice or QuestionType.Select)
                {
                    if (question.Options.Count < 2)
                    {
                        result.Add(field + ".Options", $"{questionName}: enter at least 2 answers to choose from");
                    }
                    else if (!OptionsAreDistinct(question))
                    {
                        result.Add(field + ".Options", $"{questionName}: every answer to choose from needs its own value and label");
                    }
                }

                switch (question.Type)
                {
                    case QuestionType.Scale when question.Options.Count < 2:
                        result.Add(field + ".Options", $"{questionName}: add at least 2 points to the scale");
                        break;
                    case QuestionType.Rank when question.Options.Count < 2:
                        result.Add(field + ".Options", $"{questionName}: add at least 2 options to put in order");
                        break;
                    case QuestionType.Rate when question.Options.Count < 2:
                        result.Add(field + ".Options", $"{questionName}: add at least 2 options to rate");
                        break;
                    case QuestionType.Scale or QuestionType.Rank or QuestionType.Rate when !OptionsAreDistinct(question):
                        result.Add(field + ".Options", $"{questionName}: every option needs its own value and label");
                        break;
                }

                if (question.Type == QuestionType.Rate)
                {
                    ValidateRatingRange(question, field, questionName, result);
                }

                if (question.MinLength is { } min && question.MaxLength is { } max && min > max)
                {
                    result.Add(field + ".MaxLength", $"{questionName}: the longest answer must be at least the shortest");
                }

                if (question.Type != QuestionType.Rate && question.Min is { } least && question.Max is { } most && least > most)
                {
                    result.Add(field + ".Max", $"{questionName}: the largest number must be at least the smallest");
                }
            }

            foreach (var question in page.Questions)
            {
                earlier.TryAdd(question.Id, question);
            }
        }
    }

    /// <summary>Every option has a value and a label, and no two share a value.</summary>
    private static bool OptionsAreDistinct(FormQuestion question) =>
        question.Options.Select(o => o.Value).Distinct(StringComparer.Ordinal).Count() == question.Options.Count && question.Options.All(o => o.Value.Length > 0 && o.Label.Length > 0);

    /// <summary>A rate question's Min and Max are its lowest and highest rating (1 and 5 when empty).</summary>
    private static void ValidateRatingRange(FormQuestion question, string field, string questionName, ContentValidationResult result)
    {
        var lowest = question.Min ?? RatingAnswers.DefaultLowest;
        var highest = question.Max ?? RatingAnswers.DefaultHighest;
        if (lowest != decimal.Truncate(lowest) || highest != decimal.Truncate(highest))
        {
            result.Add(field + (lowest != decimal.Truncate(lowest) ? ".Min" : ".Max"), $"{questionName}: the lowest and highest ratings must be whole numbers, like 1 and 5");
        }
        else if (lowest >= highest)
        {
            result.Add(field + ".Max", $"{questionName}: the highest rating must be more than the lowest");
        }
        else if (highest - lowest + 1 > MaxRatingPoints)
        {
            result.Add(field + ".Max", $"{questionName}: a rating can have at most {MaxRatingPoints} points, like 1 to {MaxRatingPoints}");
        }
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}

/// <summary>Content cannot take an address under a form kind's prefix: the forms are served there.</summary>
public sealed class FormPrefixPathValidator : IContentValidator
{
    private readonly IReadOnlyList<FormKind> _kinds;

    public FormPrefixPathValidator(IEnumerable<FormKind> kinds) => _kinds = kinds.ToList();

    public Task ValidateAsync(ContentItem item, ContentValidationResult result)
    {
        if (item.Has<AutoroutePart>() && item.Path is { Length: > 0 } path &&
            _kinds.Any(k => string.Equals(path.Split('/')[0], k.PathPrefix, StringComparison.OrdinalIgnoreCase)))
        {
            result.Add("AutoroutePart.Path", $"The web address /{path} is used by the portal's forms. Choose another one");
        }

        return Task.CompletedTask;
    }
}
