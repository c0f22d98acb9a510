using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using SaferBcp.Cms.Content;
using SaferBcp.Forms.Models;
using SaferBcp.Surveys.Models;
using SaferBcp.Surveys.Services;

namespace SaferBcp.Benchmarks;

/// <summary>
/// Where a survey export's time goes, in process and single-threaded, over the responses already in a portal's
/// database (bench/survey-exports.sh --keep leaves one): reading the rows, parsing each response's JSON, masking the
/// free text, and the whole <see cref="SurveyExportLayout.Row"/> (parse + mask + the column values) the CSV export
/// calls for every response. No HTTP and no CSV writer: what is left of the export's time is theirs.
/// </summary>
internal static class SurveyExportBreakdown
{
    public static int Run(string[] args)
    {
        if (args.Length != 4 || args[0] != "--db" || args[2] != "--survey")
        {
            Console.Error.WriteLine("Use survey-export-breakdown --db PATH/portal.db --survey CONTENT_ITEM_ID");
            return 2;
        }

        var (db, survey) = (args[1], args[3]);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        FormPart form;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT Data FROM ContentItems WHERE ContentItemId = $id AND (Published = 1 OR Latest = 1) ORDER BY Published DESC LIMIT 1";
            command.Parameters.AddWithValue("$id", survey);
            form = JsonNode.Parse((string)command.ExecuteScalar()!)!["FormPart"]!.Deserialize<FormPart>(ContentJson.Options)!;
        }

        var clock = Stopwatch.StartNew();
        var rows = new List<SurveyResponse>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT Id, ResponseDate, AnswersJson FROM Surveys_Responses WHERE SurveyContentItemId = $s ORDER BY Id";
            command.Parameters.AddWithValue("$s", survey);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                rows.Add(new SurveyResponse { Id = reader.GetInt32(0), SurveyContentItemId = survey, ResponseDate = DateOnly.ParseExact(reader.GetString(1), "yyyy-MM-dd", CultureInfo.InvariantCulture), AnswersJson = reader.GetString(2) });
            }
        }

        var read = clock.Elapsed;
        var layout = new SurveyExportLayout(form);
        var masked = form.Pages.SelectMany(p => p.Questions).Where(SurveyExportLayout.IsMasked).Select(q => q.Id).ToList();
        Console.WriteLine($"Survey export breakdown: {rows.Count:N0} responses, {layout.Columns.Count} columns, masked questions: {string.Join(", ", masked)}");
        Console.WriteLine($"  read all rows with a plain SqliteDataReader: {read.TotalSeconds:F2} s");

        // Twice each: the first pass includes the JIT and the regexes' first use.
        for (var pass = 1; pass <= 2; pass++)
        {
            var parse = Time(() =>
            {
                foreach (var r in rows)
                {
                    _ = JsonSerializer.Deserialize<Dictionary<string, List<string>>>(r.AnswersJson);
                }
            });
            var texts = rows.SelectMany(r => (JsonSerializer.Deserialize<Dictionary<string, List<string>>>(r.AnswersJson) ?? [])
                .Where(a => masked.Contains(a.Key)).Select(a => string.Join("; ", a.Value))).ToList();
            var mask = Time(() =>
            {
                foreach (var t in texts)
                {
                    _ = PersonalDataMasker.Mask(t);
                }
            });
            var row = Time(() =>
            {
                foreach (var r in rows)
                {
                    _ = layout.Row(r);
                }
            });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  pass {pass}: JSON parse {parse:F2} s; mask {texts.Count:N0} free-text answers {mask:F2} s ({1e6 * mask / Math.Max(1, texts.Count):F1} µs each); SurveyExportLayout.Row for every response {row:F2} s ({1e6 * row / rows.Count:F1} µs each)"));
        }

        return 0;
    }

    private static double Time(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalSeconds;
    }
}
