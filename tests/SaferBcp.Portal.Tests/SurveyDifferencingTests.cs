using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Security;
using SaferBcp.Surveys;
using SaferBcp.Surveys.Models;
using SaferBcp.Surveys.Services;

namespace SaferBcp.Portal.Tests;

/// <summary>
/// Differencing: whoever sees small numbers hidden must not get one back by putting the figures of a smaller group (a
/// filter, a cross-tab) beside everyone's and subtracting.
/// </summary>
public sealed partial class SurveyDifferencingTests
{
    private const string All = "*";
    private static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("en-GB");
    [Fact]
    public async Task An_editor_cannot_recover_a_hidden_count_by_comparing_any_filter_or_cross_tab_with_the_whole()
    {
        await using var portal = new PortalFactory();
        var form = SurveyResultsPortal.Form("differencing");
        var surveyId = await portal.PublishFormAsync("Differencing survey", form, new SurveyPart { ClosesOn = new DateOnly(2026, 11, 20) });
        var questions = form.Pages.SelectMany(p => p.Questions).Where(q => q.Options.Count > 0).ToList();
        var areas = questions.Single(q => q.Id == "area").Options.Select(o => o.Value).ToList();
        var ages = questions.Single(q => q.Id == "age").Options.Select(o => o.Value).ToList();

        // Generated answers: a small town, so its figures are small; everyone answers every question.
        var random = new Random(20261127);
        var rows = new List<(string Area, string Age, string Worry)>();
        var worries = questions.Single(q => q.Id == "worry").Options.Select(o => o.Value).ToList();
        for (var i = 0; i < 300; i++)
        {
            var r = random.NextDouble();
            rows.Add((r < 0.45 ? "poole" : r < 0.9 ? "bournemouth" : "christchurch", random.NextDouble() < 0.3 ? "16-24" : "25-plus", worries[random.Next(worries.Count)]));
        }

        var threshold = 10;
        Assert.Contains(rows.GroupBy(r => (r.Area, r.Worry)), g => g.Count() < threshold);
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SurveysDbContext>();
            var protector = scope.ServiceProvider.GetRequiredService<SurveyProtector>();
            db.Responses.AddRange(rows.Select(r => new SurveyResponse { SurveyContentItemId = surveyId, ResponseDate = new DateOnly(2026, 11, 10), AnswersJson = protector.ProtectAnswersJson(SurveyResultsPortal.Answers(r.Area, r.Age, r.Worry)) }));
            await db.SaveChangesAsync();
        }

        await portal.CreateStaffAsync("differencing-editor", PortalRoles.Editor);
        using var editor = portal.Browser();
        await PortalFactory.SignInAsync(editor, "differencing-editor", PortalFactory.StaffPassword);
        var baseUrl = $"/admin/surveys/{surveyId}/results";
        var labels = questions.ToDictionary(q => q.Id, q => q.Options.ToDictionary(o => o.Label, o => o.Value));

        // Every count the editor can see, keyed by the group it is of (area, age band) and the question and option.
        var known = new Dictionary<string, int>();
        var hidden = new HashSet<string>();
        void Observe(string area, string age, string question, string option, int? count)
        {
            var key = Key(area, age, question, option);
            if (count is { } c)
            {
                known[key] = c;
            }
            else
            {
                hidden.Add(key);
            }
        }

        foreach (var area in areas.Prepend(All))
        {
            foreach (var age in ages.Prepend(All))
            {
                var query = string.Join('&', new[] { area == All ? null : "area=" + area, age == All ? null : "age=" + age }.OfType<string>());
                using var response = await editor.GetAsync(baseUrl + (query.Length > 0 ? "?" + query : ""));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var html = await response.Content.ReadAsStringAsync();

                // A page that did not apply the filter shows everyone's figures, and is taken as that.
                var filtered = html.Contains("(in the group you chose)", StringComparison.Ordinal);
                foreach (var (question, options) in QuestionTables(html))
                {
                    foreach (var (label, count) in options)
                    {
                        Observe(filtered ? area : All, filtered ? age : All, question, labels[question][label], count);
                    }
                }
            }
        }

        foreach (var (rowQuestion, columnQuestion) in new[] { ("area", "worry"), ("age", "worry"), ("area", "age") })
        {
            var html = await editor.GetStringAsync($"{baseUrl}?rows={rowQuestion}&columns={columnQuestion}");
            foreach (var (rowLabel, cells) in CrossTab(html))
            {
                if (!labels[rowQuestion].TryGetValue(rowLabel, out var rowValue))
                {
                    continue;
                }

                var columns = questions.Single(q => q.Id == columnQuestion).Options;
                for (var c = 0; c < columns.Count; c++)
                {
                    Observe(rowQuestion == "area" ? rowValue : All, rowQuestion == "age" ? rowValue : All, columnQuestion, columns[c].Value, cells[c]);
                }
            }
        }

        hidden.ExceptWith(known.Keys);

        // The attack: every count is the sum of the same count in each area (or each age band), as everyone answered both.
        // Whenever all but one term of such a sum is known, the last one is worked out; repeated until nothing more comes.
        var equations = new List<(string Whole, List<string> Parts)>();
        foreach (var question in questions)
        {
            foreach (var option in question.Options.Select(o => o.Value))
            {
                foreach (var age in ages.Prepend(All))
                {
                    equations.Add((Key(All, age, question.Id, option), areas.Select(a => Key(a, age, question.Id, option)).ToList()));
                }

                foreach (var area in areas.Prepend(All))
                {
                    equations.Add((Key(area, All, question.Id, option), ages.Select(a => Key(area, a, question.Id, option)).ToList()));
                }
            }
        }

        var recovered = new Dictionary<string, int>();
        for (var progress = true; progress;)
        {
            progress = false;
            foreach (var (whole, parts) in equations)
            {
                var unknown = parts.Append(whole).Where(k => !known.ContainsKey(k)).ToList();
                if (unknown.Count != 1)
                {
                    continue;
                }

                var value = unknown[0] == whole ? parts.Sum(p => known[p]) : known[whole] - parts.Where(p => p != unknown[0]).Sum(p => known[p]);
                known[unknown[0]] = value;
                if (hidden.Contains(unknown[0]))
                {
                    recovered[unknown[0]] = value;
                }

                progress = true;
            }
        }

        Assert.True(recovered.Count == 0, "Hidden counts worked out by subtraction: " + string.Join(", ", recovered.Select(r => $"{r.Key} = {r.Value} (true count {TrueCount(rows, r.Key)})")));

        // And she is told why she cannot filter.
        var page = await editor.GetStringAsync(baseUrl + "?area=christchurch");
        Assert.Contains("Filtering the results and comparing two questions are for Analysts", page, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"area\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"rows\"", page, StringComparison.Ordinal);
    }

    private static string Key(string area, string age, string question, string option) => $"area={area}|age={age}|{question}={option}";

    private static int TrueCount(List<(string Area, string Age, string Worry)> rows, string key)
    {
        var parts = key.Split('|').Select(p => p.Split('=')).ToArray();
        string Answer((string Area, string Age, string Worry) r, string question) => question switch { "area" => r.Area, "age" => r.Age, _ => r.Worry };
        return rows.Count(r => (parts[0][1] == All || r.Area == parts[0][1]) && (parts[1][1] == All || r.Age == parts[1][1]) && Answer(r, parts[2][0]) == parts[2][1]);
    }

    /// <summary>Each question's table on a results page: option label to count (null when hidden).</summary>
    private static IEnumerable<(string Question, List<(string Label, int? Count)> Options)> QuestionTables(string html)
    {
        foreach (Match section in Section().Matches(html))
        {
            yield return (section.Groups[1].Value, Row().Matches(section.Groups[2].Value)
                .Select(m => (WebUtility.HtmlDecode(m.Groups[1].Value), Count(m.Groups[2].Value))).ToList());
        }
    }

    /// <summary>The cross-tab ("Comparison") if the page shows one: row label to its cells' counts.</summary>
    private static IEnumerable<(string Row, List<int?> Cells)> CrossTab(string html)
    {
        var start = html.IndexOf(">Comparison</h2>", StringComparison.Ordinal);
        if (start < 0)
        {
            yield break;
        }

        var table = html[start..html.IndexOf("</table>", start, StringComparison.Ordinal)];
        foreach (Match row in TableRow().Matches(table))
        {
            yield return (WebUtility.HtmlDecode(row.Groups[1].Value), Cell().Matches(row.Groups[2].Value).Select(c => Count(c.Groups[1].Value)).ToList());
        }
    }

    private static int? Count(string cell)
    {
        var first = WebUtility.HtmlDecode(cell).Trim().Split(' ')[0];
        return first == "[c]" ? null : int.Parse(first, NumberStyles.AllowThousands, Uk);
    }

    [GeneratedRegex("aria-labelledby=\"question-([^\"]+)\">(.*?)</section>", RegexOptions.Singleline)]
    private static partial Regex Section();

    [GeneratedRegex("<th scope=\"row\" class=\"govuk-table__header\">([^<]*)</th>\\s*<td class=\"govuk-table__cell govuk-table__cell--numeric\">([^<]*)</td>")]
    private static partial Regex Row();

    [GeneratedRegex("<th scope=\"row\" class=\"govuk-table__header\">([^<]*)</th>(.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex TableRow();

    [GeneratedRegex("<td class=\"govuk-table__cell govuk-table__cell--numeric\">([^<]*)</td>")]
    private static partial Regex Cell();
}
