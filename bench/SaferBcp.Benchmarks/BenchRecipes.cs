using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SaferBcp.Cms.Content;
using SaferBcp.Forms.Models;

namespace SaferBcp.Benchmarks;

/// <summary>
/// Writes the data sets of bench/run-all.sh as recipes, so they are loaded through the portal's own import
/// (`SaferBcp.Portal import FILE`: every item validated, saved and published by ContentManager; every survey response
/// stored by the survey's own submission handler), never written straight into the database:
/// <list type="bullet">
/// <item>`content-recipe --docs N [--seed S] --out FILE`: N published pages, the search benchmark's generated
/// community-safety documents (<see cref="DocumentGenerator"/>);</item>
/// <item>`survey-recipe --recipe recipes/saferbcp.recipe.json --survey ID --count N [--seed S] [--today yyyy-MM-dd] --out FILE`:
/// the starting recipe's survey, published (so open while its dates allow), and N responses answering its form
/// (<see cref="AnswerGenerator"/>).</item>
/// </list>
/// </summary>
internal static class BenchRecipes
{
    public static int Content(string[] args)
    {
        var options = Arguments(args);
        if (!options.TryGetValue("--out", out var output) || !int.TryParse(options.GetValueOrDefault("--docs"), out var count) || count <= 0)
        {
            Console.Error.WriteLine("Use content-recipe --docs N [--seed 20261127] --out FILE");
            return 2;
        }

        var generator = new DocumentGenerator(int.Parse(options.GetValueOrDefault("--seed", "20261127"), CultureInfo.InvariantCulture));
        using var stream = File.Create(output);
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        json.WriteString("name", $"bench-content-{count}");
        json.WriteStartArray("steps");
        json.WriteStartObject();
        json.WriteString("name", "content");
        json.WriteStartArray("items");
        for (var i = 0; i < count; i++)
        {
            var (id, text) = generator.Next(i);
            json.WriteStartObject();
            json.WriteString("contentItemId", id);
            json.WriteString("contentType", "Page");
            json.WriteBoolean("published", true);
            json.WriteStartObject("parts");
            json.WriteStartObject("TitlePart");
            json.WriteString("title", text.Title);
            json.WriteEndObject();
            json.WriteStartObject("AutoroutePart");
            json.WriteString("path", "bench-" + text.Url.TrimStart('/').Replace('/', '-'));
            json.WriteEndObject();
            json.WriteStartObject("ArticlePart");
            json.WriteString("summary", text.Summary);
            json.WriteString("markdown", text.Body);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        Console.WriteLine($"  wrote {count:N0} pages to {output} ({stream.Length / 1048576.0:F1} MB)");
        return 0;
    }

    public static int Survey(string[] args)
    {
        var options = Arguments(args);
        if (!options.TryGetValue("--out", out var output) || !options.TryGetValue("--recipe", out var recipe) || !options.TryGetValue("--survey", out var survey)
            || !int.TryParse(options.GetValueOrDefault("--count"), out var count) || count <= 0)
        {
            Console.Error.WriteLine("Use survey-recipe --recipe recipes/saferbcp.recipe.json --survey ID --count N [--seed 20261128] [--today yyyy-MM-dd] --out FILE");
            return 2;
        }

        var item = JsonNode.Parse(File.ReadAllText(recipe))!["steps"]!.AsArray()
            .Where(s => s?["name"]?.GetValue<string>() == "content")
            .SelectMany(s => s!["items"]!.AsArray())
            .FirstOrDefault(i => i?["contentItemId"]?.GetValue<string>() == survey)?.DeepClone().AsObject();
        var form = item?["parts"]?["FormPart"]?.Deserialize<FormPart>(ContentJson.Options);
        if (item is null || form is null)
        {
            Console.Error.WriteLine($"{recipe} has no survey \"{survey}\"");
            return 1;
        }

        item["published"] = true;
        var today = options.TryGetValue("--today", out var day) ? DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture) : DateOnly.FromDateTime(DateTime.UtcNow);
        var generator = new AnswerGenerator(form, int.Parse(options.GetValueOrDefault("--seed", "20261128"), CultureInfo.InvariantCulture), today);
        using var stream = File.Create(output);
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        json.WriteString("name", $"bench-survey-{count}");
        json.WriteStartArray("steps");
        json.WriteStartObject();
        json.WriteString("name", "content");
        json.WriteStartArray("items");
        item.WriteTo(json);
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartObject();
        json.WriteString("name", "survey-responses");
        json.WriteString("survey", survey);
        json.WriteStartArray("responses");
        for (var i = 0; i < count; i++)
        {
            var (answeredOn, answers) = generator.Next();
            json.WriteStartObject();
            json.WriteNumber("daysAgo", today.DayNumber - answeredOn.DayNumber);
            json.WriteStartObject("answers");
            foreach (var (question, values) in answers)
            {
                json.WriteStartArray(question);
                foreach (var value in values)
                {
                    json.WriteStringValue(value);
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        Console.WriteLine($"  wrote the survey \"{survey}\" (published) and {count:N0} responses to {output} ({stream.Length / 1048576.0:F1} MB); {generator.Summary()}");
        return 0;
    }

    private static Dictionary<string, string> Arguments(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options[args[i]] = args[i + 1];
        }

        return options;
    }
}
