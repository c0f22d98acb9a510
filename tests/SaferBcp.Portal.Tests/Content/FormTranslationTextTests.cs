using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SaferBcp.Portal.Tests.Content;

/// <summary>
/// Every referral form in the setup recipe can be filled in in Polish and Arabic: each of its words (title, intro,
/// what happens next, page titles and interruption pages, labels, hints, short names, option labels) has a
/// translation marked to be checked by a qualified translator, which keeps the English text's numbers (phone
/// numbers, 999, ages), placeholders and links and promises no response time.
/// </summary>
public sealed partial class FormTranslationTextTests
{
    private static readonly string[] Cultures = ["pl", "ar"];

    private static IEnumerable<JsonObject> ReferralFormItems() =>
        PublishedText.Steps(PublishedText.Recipe("saferbcp.recipe.json"), "content")
            .SelectMany(s => s["items"]!.AsArray()).Select(i => i!.AsObject())
            .Where(i => i["parts"]!["FormPart"]?["kind"]?.GetValue<string>() == "referral");

    public static TheoryData<string> ReferralForms() => new(ReferralFormItems().Select(i => i["contentItemId"]!.GetValue<string>()));

    private static JsonObject Item(string id) => ReferralFormItems().Single(i => i["contentItemId"]!.GetValue<string>() == id);

    /// <summary>(where, English, translated or null) for every word of the form a resident reads.</summary>
    private static IEnumerable<(string Where, string English, string? Translated)> Words(JsonObject item, JsonObject translation)
    {
        var form = item["parts"]!["FormPart"]!;
        var title = item["parts"]!["TitlePart"]!["title"]!.GetValue<string>();
        yield return ("title", title, Text(translation["title"]));
        foreach (var field in new[] { "introMarkdown", "whatHappensNextMarkdown", "sentHeading" })
        {
            if (Text(form[field]) is { } english)
            {
                yield return (field, english, Text(translation[field]));
            }
        }

        foreach (var page in form["pages"]!.AsArray().Select(p => p!))
        {
            var pageId = page["id"]!.GetValue<string>();
            var pageTranslation = translation["pages"]?[pageId];
            foreach (var field in new[] { "title", "interruptionMarkdown" })
            {
                if (Text(page[field]) is { } english)
                {
                    yield return ($"page {pageId} {field}", english, Text(pageTranslation?[field]));
                }
            }

            foreach (var question in page["questions"]?.AsArray().Select(q => q!) ?? [])
            {
                var questionId = question["id"]!.GetValue<string>();
                var questionTranslation = translation["questions"]?[questionId];
                foreach (var field in new[] { "label", "hint", "shortName" })
                {
                    if (Text(question[field]) is { } english)
                    {
                        yield return ($"question {questionId} {field}", english, Text(questionTranslation?[field]));
                    }
                }

                // Yes/no questions take "Yes" and "No" from the interface strings, not from the form.
                if (question["type"]!.GetValue<string>() == "YesNo")
                {
                    continue;
                }

                foreach (var option in question["options"]?.AsArray().Select(o => o!) ?? [])
                {
                    var value = option["value"]!.GetValue<string>();
                    yield return ($"question {questionId} option {value}", option["label"]!.GetValue<string>(), Text(questionTranslation?["options"]?[value]?["label"]));
                }
            }
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;

    private static List<string> Sorted(Regex pattern, string text) => pattern.Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public void The_theories_cover_the_six_referral_forms_the_site_starts_with()
    {
        Assert.Superset(
            new HashSet<string> { "form-domestic-abuse", "form-up2u", "form-asb-case-review", "form-sexual-violence", "form-young-person-exploitation", "form-safe-place-application" },
            ReferralFormItems().Select(i => i["contentItemId"]!.GetValue<string>()).ToHashSet());
    }

    [Theory]
    [MemberData(nameof(ReferralForms))]
    public void A_referral_form_has_every_word_in_polish_and_arabic_marked_to_be_checked(string id)
    {
        var item = Item(id);
        var problems = new List<string>();
        foreach (var culture in Cultures)
        {
            if (item["parts"]!["FormPart"]!["translations"]?[culture] is not JsonObject translation)
            {
                problems.Add($"{id} has no {culture} translation");
                continue;
            }

            if (translation["checked"]?.GetValue<bool>() != false)
            {
                problems.Add($"{id} {culture} is not marked as still to be checked by a qualified translator");
            }

            problems.AddRange(Words(item, translation).Where(w => w.Translated is null).Select(w => $"{id} {culture}: {w.Where} (\"{w.English}\") is not translated"));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(ReferralForms))]
    public void A_form_translation_keeps_the_numbers_placeholders_and_links_of_its_english_and_promises_no_response_time(string id)
    {
        var item = Item(id);
        var problems = new List<string>();
        foreach (var culture in Cultures)
        {
            if (item["parts"]!["FormPart"]!["translations"]?[culture] is not JsonObject translation)
            {
                problems.Add($"{id} has no {culture} translation");
                continue;
            }

            var promise = culture == "pl" ? TranslationTextTests.PolishPromise() : TranslationTextTests.ArabicPromise();
            foreach (var (where, english, translated) in Words(item, translation).Where(w => w.Translated is not null))
            {
                foreach (var (what, pattern) in new[] { ("numbers", Digits()), ("placeholders", Placeholder()), ("links", LinkTarget()) })
                {
                    var theirs = Sorted(pattern, what == "numbers" ? LinkTarget().Replace(english, "") : english);
                    // "9:00" says "9am" in Polish: the minutes of a clock time are not a number the English leaves out.
                    var ours = Sorted(pattern, what == "numbers" ? ClockMinutes().Replace(LinkTarget().Replace(translated!, ""), "") : translated!);
                    if (!theirs.SequenceEqual(ours))
                    {
                        problems.Add($"{id} {culture} {where}: {what} [{string.Join(", ", ours)}], English has [{string.Join(", ", theirs)}]");
                    }
                }

                problems.AddRange(promise.Matches(translated!).Select(m => $"{id} {culture} {where}: promises \"{m.Value}\""));
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    [GeneratedRegex(@"(?<=\b\d{1,2}):00\b")]
    private static partial Regex ClockMinutes();

    [GeneratedRegex(@"\{\{\s*\w+\s*\}\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\]\([^)]*\)")]
    private static partial Regex LinkTarget();
}
