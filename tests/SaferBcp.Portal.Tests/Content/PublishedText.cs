using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SaferBcp.Portal.Tests.Content;

/// <summary>Every text a resident can read in a recipe: published content items, settings and the referral teams' public fields.</summary>
internal static partial class PublishedText
{
    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SaferBcp.Portal.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("The repository root (SaferBcp.Portal.sln) was not found");
        }
    }

    public static string RecipePath(string fileName) => Path.Combine(RepositoryRoot, "recipes", fileName);

    public static JsonObject Recipe(string fileName) => JsonNode.Parse(File.ReadAllText(RecipePath(fileName)))!.AsObject();

    public static IEnumerable<JsonObject> Steps(JsonObject recipe, string name) =>
        recipe["steps"]!.AsArray().Select(s => s!.AsObject()).Where(s => s["name"]!.GetValue<string>() == name);

    /// <summary>(where, text) for every string in a published content item, and every setting.</summary>
    public static IEnumerable<(string Where, string Text)> Texts(JsonObject recipe)
    {
        foreach (var step in Steps(recipe, "content"))
        {
            foreach (var item in step["items"]!.AsArray().Select(i => i!.AsObject()).Where(i => i["published"]?.GetValue<bool>() == true))
            {
                foreach (var text in Strings(item["parts"]!, item["contentItemId"]!.GetValue<string>()))
                {
                    yield return text;
                }
            }
        }

        foreach (var step in Steps(recipe, "settings"))
        {
            foreach (var text in Strings(step["settings"]!, "settings"))
            {
                yield return text;
            }
        }
    }

    private static IEnumerable<(string, string)> Strings(JsonNode node, string path) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Value is null ? [] : Strings(p.Value, $"{path}.{p.Key}")),
        JsonArray a => a.SelectMany((v, i) => v is null ? [] : Strings(v, $"{path}[{i}]")),
        JsonValue v when v.TryGetValue<string>(out var s) => [(path, s)],
        _ => [],
    };

    /// <summary>
    /// A promise of when someone will hear back, or of a visit: "within 2 working days", "5 working days", "we will
    /// contact you by Friday", "arrange a visit". Such a promise may only come from a setting staff fill in.
    /// </summary>
    [GeneratedRegex(@"\bwithin\s+(?:\d+|an?|one|two|three|four|five|ten|24|48)\s+(?:working\s+|business\s+)?(?:day|days|hour|hours|week|weeks)\b|\bworking\s+days?\b|\bwe\s+(?:will|aim\s+to|'ll)\s+(?:contact|call|reply\s+to|respond\s+to|visit)\s+you\s+(?:by|within|in|on)\b|\barrange\s+a\s+visit\b|\bwe\s+will\s+visit\b", RegexOptions.IgnoreCase)]
    public static partial Regex ResponsePromise();
}
