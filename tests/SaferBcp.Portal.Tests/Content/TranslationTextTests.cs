using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SaferBcp.Portal.Tests.Content;

/// <summary>
/// A translation in the setup recipe says what its English original says and no more: the same numbers (phone
/// numbers, 999 and 55, the figures from the report), the same links, no promise of when someone will reply, and
/// the "to be checked by a qualified translator" mark until staff confirm it.
/// </summary>
public sealed partial class TranslationTextTests
{
    private static List<(string Id, string Culture, JsonObject Parts, JsonObject Original)> Translations()
    {
        var items = PublishedText.Steps(PublishedText.Recipe("saferbcp.recipe.json"), "content")
            .SelectMany(s => s["items"]!.AsArray()).Select(i => i!.AsObject()).ToList();
        var byId = items.ToDictionary(i => i["contentItemId"]!.GetValue<string>());
        return items.Where(i => i["parts"]!["LocalizationPart"] is not null)
            .Select(i =>
            {
                var localization = i["parts"]!["LocalizationPart"]!;
                return (i["contentItemId"]!.GetValue<string>(), localization["culture"]!.GetValue<string>(), i["parts"]!.AsObject(),
                    byId[localization["localizationSet"]!.GetValue<string>()]["parts"]!.AsObject());
            })
            .ToList();
    }

    private static string Words(JsonObject parts) =>
        string.Join("\n", parts["TitlePart"]!["title"], parts["ArticlePart"]!["summary"], parts["ArticlePart"]!["markdown"],
            string.Join("\n", parts["ArticlePart"]!["callsToAction"]!.AsArray().Select(a => a!["text"]!.GetValue<string>())));

    private static List<string> Numbers(string text) => Digits().Matches(LinkTargets().Replace(text, "")).Select(m => m.Value).ToList();

    [Fact]
    public void The_recipe_translates_three_domestic_abuse_pages_into_polish_and_arabic_each_to_be_checked()
    {
        var translations = Translations();
        Assert.Equal(
            ["page-cover-your-tracks ar", "page-cover-your-tracks pl", "page-da-in-danger-now ar", "page-da-in-danger-now pl", "page-domestic-abuse ar", "page-domestic-abuse pl"],
            translations.Select(t => $"{t.Id[..t.Id.LastIndexOf('-')]} {t.Culture}").Order(StringComparer.Ordinal));
        Assert.All(translations, t => Assert.Null(t.Parts["LocalizationPart"]!["checkedBy"]));
    }

    [Fact]
    public void A_translation_states_no_number_its_english_original_does_not_and_drops_none()
    {
        var problems = new List<string>();
        foreach (var (id, _, parts, original) in Translations())
        {
            var theirs = Numbers(Words(original));
            var ours = Numbers(Words(parts));
            problems.AddRange(ours.Except(theirs).Select(n => $"{id} says {n}, which its original does not"));
            problems.AddRange(theirs.Except(ours).Select(n => $"{id} leaves out {n}"));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void A_translation_links_to_the_same_pages_as_its_original()
    {
        Assert.All(Translations(), t => Assert.Equal(
            LinkTargets().Matches(Words(t.Original)).Select(m => m.Value).Concat(t.Original["ArticlePart"]!["callsToAction"]!.AsArray().Select(a => a!["url"]!.GetValue<string>())),
            LinkTargets().Matches(Words(t.Parts)).Select(m => m.Value).Concat(t.Parts["ArticlePart"]!["callsToAction"]!.AsArray().Select(a => a!["url"]!.GetValue<string>()))));
    }

    [Fact]
    public void No_translation_promises_a_response_time_in_its_language()
    {
        // The patterns find what they look for: a rule that cannot match would pass on anything.
        Assert.Matches(PolishPromise(), "Skontaktujemy się z Tobą w ciągu 2 dni roboczych.");
        Assert.Matches(ArabicPromise(), "سنتصل بك خلال 2 أيام عمل.");

        var promises = Translations()
            .SelectMany(t => (t.Culture == "pl" ? PolishPromise() : ArabicPromise()).Matches(Words(t.Parts)).Select(m => $"{t.Id}: \"{m.Value}\""))
            .ToList();
        Assert.True(promises.Count == 0, "Promises no setting supplies:\n" + string.Join("\n", promises));
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    [GeneratedRegex(@"\]\([^)]*\)")]
    private static partial Regex LinkTargets();

    [GeneratedRegex(@"\bw\s+ciągu\s+(?:\d+|jednego|dwóch|trzech|pięciu|dziesięciu)\s+(?:dni|dnia|godzin|tygodni)|\bdni\s+robocz|\bskontaktujemy\s+się\s+z\s+(?:Tobą|Panem|Panią)\s+(?:w\s+ciągu|do)\b|\bodwiedzimy\b|\bumówi(?:my|ć)\s+wizytę", RegexOptions.IgnoreCase)]
    internal static partial Regex PolishPromise();

    [GeneratedRegex(@"خلال\s+\S+\s+(?:أيام|يوم|ساعات|ساعة|أسابيع|أسبوع)|أيام\s+عمل|سن(?:تصل|رد)\s+بك|سنزور|ترتيب\s+زيارة")]
    internal static partial Regex ArabicPromise();
}
