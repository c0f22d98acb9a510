using System.Text.Json;
using SaferBcp.Cms.Content;
using SaferBcp.Forms.Models;

namespace SaferBcp.Forms.Services;

/// <summary>
/// A form in the visitor's language: a copy of the form with the translation's words put in place of the English
/// ones. The structure (ids, option values, conditions, rules) is copied unchanged, so the copy runs and stores
/// answers exactly like the original.
/// </summary>
public static class FormLocalizer
{
    /// <param name="yes">"Yes" in the visitor's language (yes/no questions have no options of their own to translate).</param>
    /// <returns>The copy and its title; the translation is null when the form has none into <paramref name="culture"/>.</returns>
    public static (FormPart Part, string Title, FormTranslation? Translation) Translate(FormPart source, string title, string culture, string yes, string no)
    {
        var part = JsonSerializer.Deserialize<FormPart>(JsonSerializer.Serialize(source, ContentJson.Options), ContentJson.Options)!;
        part.Translations = [];
        foreach (var question in part.Pages.SelectMany(p => p.Questions).Where(q => q.Type == QuestionType.YesNo))
        {
            question.Options = [new FormOption { Value = "yes", Label = yes }, new FormOption { Value = "no", Label = no }];
        }

        if (!source.Translations.TryGetValue(culture, out var translation))
        {
            return (part, title, null);
        }

        part.IntroMarkdown = Or(translation.IntroMarkdown, part.IntroMarkdown);
        part.WhatHappensNextMarkdown = Or(translation.WhatHappensNextMarkdown, part.WhatHappensNextMarkdown);
        part.SentHeading = translation.SentHeading is { Length: > 0 } sent ? sent : part.SentHeading;
        foreach (var page in part.Pages)
        {
            if (translation.Pages.TryGetValue(page.Id, out var pt))
            {
                page.Title = Or(pt.Title, page.Title);
                page.InterruptionMarkdown = pt.InterruptionMarkdown is { Length: > 0 } md ? md : page.InterruptionMarkdown;
            }

            foreach (var question in page.Questions)
            {
                if (!translation.Questions.TryGetValue(question.Id, out var qt))
                {
                    continue;
                }

                question.Label = Or(qt.Label, question.Label);
                question.Hint = qt.Hint is { Length: > 0 } hint ? hint : question.Hint;
                // An English short name would be wrong inside a translated message: the general wording is used instead.
                question.ShortName = qt.ShortName is { Length: > 0 } shortName ? shortName : null;
                foreach (var option in question.Options)
                {
                    if (qt.Options.TryGetValue(option.Value, out var ot))
                    {
                        option.Label = Or(ot.Label, option.Label);
                        option.Hint = ot.Hint is { Length: > 0 } optionHint ? optionHint : option.Hint;
                    }
                }
            }
        }

        return (part, Or(translation.Title, title), translation);
    }

    private static string Or(string? translated, string english) => translated is { Length: > 0 } ? translated : english;
}
