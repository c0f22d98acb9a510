using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Security;
using SaferBcp.Surveys.Coding;
using SaferBcp.Surveys.Models;

namespace SaferBcp.Portal.Tests.Coding;

/// <summary>One portal for the coding tests; each test publishes a survey of its own.</summary>
public sealed class CodingPortal : IAsyncLifetime
{
    public PortalFactory Portal { get; } = new();

    public HttpClient Analyst { get; private set; } = null!;

    public HttpClient SecondAnalyst { get; private set; } = null!;

    public HttpClient Editor { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Analyst = await SignedInAsync("coding-analyst", PortalRoles.Analyst);
        SecondAnalyst = await SignedInAsync("coding-analyst-two", PortalRoles.Analyst);
        Editor = await SignedInAsync("coding-editor", PortalRoles.Editor);
    }

    private async Task<HttpClient> SignedInAsync(string userName, string role)
    {
        await Portal.CreateStaffAsync(userName, role);
        var client = Portal.Browser();
        await PortalFactory.SignInAsync(client, userName, PortalFactory.StaffPassword);
        return client;
    }

    /// <summary>
    /// A closed survey with published results and 40 responses: Poole 25 (15 "the park after dark", with an email
    /// address, 10 buses), Bournemouth 12 (buses), Christchurch 3 (the park again): 18 answers about parks.
    /// </summary>
    public async Task<string> SurveyAsync(string slug)
    {
        var id = await Portal.PublishFormAsync("Parks " + slug, SurveyResultsPortal.Form(slug), new SurveyPart { ClosesOn = new DateOnly(2026, 11, 20), ResultsPublished = true, YouSaidMarkdown = "You told us about parks.", WeDidMarkdown = "We asked for lighting." });
        var rows = new List<string>();
        rows.AddRange(Enumerable.Range(0, 25).Select(i => SurveyResultsPortal.Answers("poole", i < 15 ? "25-plus" : "16-24", "very", i < 15 ? "I feel unsafe in the park after dark, write to jo.bloggs@example.com" : "The buses stop too early")));
        rows.AddRange(Enumerable.Range(0, 12).Select(_ => SurveyResultsPortal.Answers("bournemouth", "25-plus", "fairly", "The buses stop too early")));
        rows.AddRange(Enumerable.Range(0, 3).Select(_ => SurveyResultsPortal.Answers("christchurch", "25-plus", "fairly", "The park by the river is dark")));
        await using var scope = Portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SaferBcp.Surveys.SurveysDbContext>();
        var protector = scope.ServiceProvider.GetRequiredService<SaferBcp.Surveys.Services.SurveyProtector>();
        db.Responses.AddRange(rows.Select(a => new SurveyResponse { SurveyContentItemId = id, ResponseDate = new DateOnly(2026, 11, 10), AnswersJson = protector.ProtectAnswersJson(a) }));
        await db.SaveChangesAsync();
        return id;
    }

    public async Task DisposeAsync()
    {
        Analyst.Dispose();
        SecondAnalyst.Dispose();
        Editor.Dispose();
        await Portal.DisposeAsync();
    }
}

/// <summary>
/// Free-text analysis through the back office, as Analysts do it: a codebook per question, the coding screen
/// (masked answers one after another, "Save and next"), quotes approved by a second Analyst, and the themes in the
/// results and the exports.
/// </summary>
public sealed partial class CodingTests : IClassFixture<CodingPortal>
{
    private readonly CodingPortal _fixture;

    public CodingTests(CodingPortal fixture) => _fixture = fixture;

    private HttpClient Analyst => _fixture.Analyst;

    /// <summary>POSTs a form of <paramref name="page"/> with repeated fields (several themes) and the page's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string page, string action, params (string Name, string Value)[] fields)
    {
        var html = await client.GetStringAsync(page);
        var values = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Append(new("__RequestVerificationToken", PortalFactory.AntiforgeryToken(html)));
        return await client.PostAsync(action, new FormUrlEncodedContent(values));
    }

    public static async Task<int> AddThemeAsync(HttpClient client, string surveyId, string name, string description = "")
    {
        var codebook = $"/admin/surveys/{surveyId}/coding/story/codebook";
        using var added = await PostAsync(client, codebook, $"/admin/surveys/{surveyId}/coding/story/themes", ("name", name), ("description", description));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var page = await client.GetStringAsync($"/admin/surveys/{surveyId}/coding/story");
        var match = Regex.Match(page, $"for=\"theme-(\\d+)\">\\d\\. {Regex.Escape(WebUtility.HtmlEncode(name))}</label>");
        Assert.True(match.Success, "the new theme is not on the coding screen");
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The answer on the coding screen: its response id and its text as shown.</summary>
    public static (int ResponseId, string Text) Shown(string page)
    {
        var action = ActionPattern().Match(page);
        Assert.True(action.Success, "no answer to code on the page");
        var text = Regex.Match(page, "<div class=\"govuk-inset-text\" id=\"answer\">(.*?)</div>", RegexOptions.Singleline).Groups[1].Value;
        return (int.Parse(action.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), WebUtility.HtmlDecode(text));
    }

    /// <summary>Codes every answer on the coding screen, one after another: the park answers with the theme, the rest with none.</summary>
    public static async Task<List<int>> CodeAllAsync(HttpClient client, string surveyId, int parks, int? quoteFirst = null)
    {
        var coded = new List<int>();
        var address = $"/admin/surveys/{surveyId}/coding/story";
        var page = await client.GetStringAsync(address);
        var first = true;
        while (ActionPattern().IsMatch(page))
        {
            var (responseId, text) = Shown(page);
            coded.Add(responseId);
            var fields = new List<(string, string)>();
            if (text.Contains("park", StringComparison.Ordinal))
            {
                fields.Add(("themes", parks.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            if (first && quoteFirst is not null)
            {
                fields.Add(("quote", "true"));
            }

            first = false;
            var token = PortalFactory.AntiforgeryToken(page);
            using var saved = await client.PostAsync($"{address}/{responseId}", new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)).Append(new("__RequestVerificationToken", token))));
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            page = await client.GetStringAsync(saved.Headers.Location!.OriginalString);
        }

        Assert.Contains("All answers are coded", page, StringComparison.Ordinal);
        return coded;
    }

    [GeneratedRegex("action=\"/admin/surveys/[^/]+/coding/story/(\\d+)\"")]
    private static partial Regex ActionPattern();

    [Fact]
    public async Task An_analyst_codes_masked_answers_one_after_another_and_finds_the_theme_in_the_exports()
    {
        var surveyId = await _fixture.SurveyAsync("coding-export");
        var parks = await AddThemeAsync(Analyst, surveyId, "Parks feel unsafe", "Parks, green spaces, after dark");
        var address = $"/admin/surveys/{surveyId}/coding/story";

        var page = await Analyst.GetStringAsync(address);
        Assert.Contains("0 of 40 answers coded, 40 left", page, StringComparison.Ordinal);
        var (first, text) = Shown(page);
        Assert.Contains("I feel unsafe in the park after dark, write to [removed]", text, StringComparison.Ordinal);
        Assert.DoesNotContain("jo.bloggs", page, StringComparison.Ordinal);

        using (var saved = await PostAsync(Analyst, address, $"{address}/{first}", ("themes", parks.ToString(System.Globalization.CultureInfo.InvariantCulture))))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            page = await Analyst.GetStringAsync(saved.Headers.Location!.OriginalString);
        }

        Assert.Contains("1 of 40 answers coded, 39 left", page, StringComparison.Ordinal);
        var (second, _) = Shown(page);
        Assert.NotEqual(first, second);
        using (var saved = await PostAsync(Analyst, address, $"{address}/{second}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var csv = ReadCsv(await Analyst.GetByteArrayAsync($"/admin/surveys/{surveyId}/responses.csv"));
        var column = $"theme_story_{parks}";
        Assert.True(csv[0].ContainsKey(column), "no theme column in the CSV export: " + string.Join(",", csv[0].Keys));
        string ThemeCell(int responseId) => csv.Single(row => row["response_id"] == responseId.ToString(System.Globalization.CultureInfo.InvariantCulture))[column];
        Assert.Equal("1", ThemeCell(first));
        Assert.Equal("0", ThemeCell(second));
        Assert.Equal("", ThemeCell(second + 1));

        var codebook = await Analyst.GetStringAsync($"/admin/surveys/{surveyId}/codebook.csv");
        Assert.Contains($"theme_story_{parks}", codebook, StringComparison.Ordinal);
        Assert.Contains("Parks, green spaces, after dark", codebook, StringComparison.Ordinal);

        var themes = await Analyst.GetStringAsync($"/admin/surveys/{surveyId}/coding/themes.csv");
        Assert.Contains($"theme_story_{parks},story,Tell us more,Parks feel unsafe,\"Parks, green spaces, after dark\",1", themes, StringComparison.Ordinal);

        using var xlsx = await Analyst.GetAsync($"/admin/surveys/{surveyId}/responses.xlsx");
        var rows = MiniExcelLibs.MiniExcel.Query(await xlsx.Content.ReadAsStreamAsync(), useHeaderRow: true, sheetName: "Responses").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(1, Convert.ToInt32(rows.Single(r => Convert.ToString(r["response_id"], System.Globalization.CultureInfo.InvariantCulture) == first.ToString(System.Globalization.CultureInfo.InvariantCulture))[$"theme_story_{parks}"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Codings_and_quotes_keep_no_answer_text_in_the_clear()
    {
        var surveyId = await _fixture.SurveyAsync("coding-privacy");
        var parks = await AddThemeAsync(Analyst, surveyId, "Parks after dark");
        await CodeAllAsync(Analyst, surveyId, parks, quoteFirst: 1);

        await using (var scope = _fixture.Portal.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SurveyCodingDbContext>();
            Assert.Equal(18, await db.AnswerThemes.CountAsync(a => a.ThemeId == parks));
            Assert.Equal(40, await db.CodedAnswers.CountAsync(c => c.SurveyContentItemId == surveyId));
            var quote = await db.Quotes.SingleAsync(q => q.SurveyContentItemId == surveyId);
            Assert.DoesNotContain("park", quote.ProtectedText, StringComparison.OrdinalIgnoreCase);
        }

        if (_fixture.Portal.Provider != SaferBcp.Cms.Data.DatabaseProvider.Sqlite)
        {
            return;
        }

        var files = Directory.GetFiles(_fixture.Portal.DataFolder, "portal.db*");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
            var bytes = await reader.ReadToEndAsync();
            Assert.DoesNotContain("the park after dark", bytes, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_analyst_adds_renames_and_merges_themes_and_is_told_plainly_what_is_wrong()
    {
        var surveyId = await _fixture.SurveyAsync("coding-codebook");
        var codebook = $"/admin/surveys/{surveyId}/coding/story/codebook";
        var parks = await AddThemeAsync(Analyst, surveyId, "Parks");

        using (var duplicate = await PostAsync(Analyst, codebook, $"/admin/surveys/{surveyId}/coding/story/themes", ("name", " parks "), ("description", "Green spaces at night")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
            var html = await duplicate.Content.ReadAsStringAsync();
            Assert.Contains("There is already a theme called &quot;parks&quot; for this question", html, StringComparison.Ordinal);
            Assert.Contains("Green spaces at night</textarea>", html, StringComparison.Ordinal);
        }

        using (var empty = await PostAsync(Analyst, codebook, $"/admin/surveys/{surveyId}/coding/story/themes", ("name", "")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
            Assert.Contains("Enter a name for the theme", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var dark = await AddThemeAsync(Analyst, surveyId, "Darkness");
        using (var renamed = await PostAsync(Analyst, codebook, $"/admin/surveys/{surveyId}/coding/story/themes/{parks}", ("name", "Parks feel unsafe"), ("description", "Parks and green spaces")))
        {
            Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        }

        var coded = await CodeAllAsync(Analyst, surveyId, parks);

        // One answer with both themes, looked at again: after the merge it counts once.
        var address = $"/admin/surveys/{surveyId}/coding/story";
        var again = await Analyst.GetStringAsync($"{address}?response={coded[0]}");
        Assert.Contains("(already coded)", again, StringComparison.Ordinal);
        Assert.Contains($"value=\"{parks}\" checked=\"checked\"", again, StringComparison.Ordinal);
        using (var both = await PostAsync(Analyst, $"{address}?response={coded[0]}", $"{address}/{coded[0]}", ("themes", parks.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("themes", dark.ToString(System.Globalization.CultureInfo.InvariantCulture))))
        {
            Assert.Equal(HttpStatusCode.Redirect, both.StatusCode);
        }

        var before = await Analyst.GetStringAsync($"/admin/surveys/{surveyId}/coding/themes.csv");
        Assert.Contains(",story,Tell us more,Parks feel unsafe,Parks and green spaces,18", before, StringComparison.Ordinal);

        using (var same = await PostAsync(Analyst, codebook, $"/admin/surveys/{surveyId}/coding/story/merge", ("from", dark.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("into", dark.ToString(System.Globalization.CultureInfo.InvariantCulture))))
        {
            Assert.Equal(HttpStatusCode.BadRequest, same.StatusCode);
            Assert.Contains("Choose a different theme to merge it into", await same.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var merged = await PostAsync(Analyst, codebook, $"/admin/surveys/{surveyId}/coding/story/merge", ("from", parks.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("into", dark.ToString(System.Globalization.CultureInfo.InvariantCulture))))
        {
            Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);
        }

        var after = await Analyst.GetStringAsync($"/admin/surveys/{surveyId}/coding/themes.csv");
        Assert.DoesNotContain("Parks feel unsafe", after, StringComparison.Ordinal);
        Assert.Contains(",story,Tell us more,Darkness,,18", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_quote_is_published_only_after_a_second_analyst_approves_it_and_only_masked()
    {
        var surveyId = await _fixture.SurveyAsync("coding-quotes");
        var parks = await AddThemeAsync(Analyst, surveyId, "Parks");
        await CodeAllAsync(Analyst, surveyId, parks, quoteFirst: 1);
        var overview = $"/admin/surveys/{surveyId}/coding";
        var page = await Analyst.GetStringAsync(overview);
        Assert.Contains("I feel unsafe in the park after dark, write to [removed]", page, StringComparison.Ordinal);
        var quoteId = Regex.Match(page, "action=\"/admin/surveys/[^/]+/coding/quotes/(\\d+)\"").Groups[1].Value;
        Assert.DoesNotContain("Approve quote", page, StringComparison.Ordinal);

        using (var own = await PostAsync(Analyst, overview, $"{overview}/quotes/{quoteId}", ("decision", "approve")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, own.StatusCode);
            Assert.Contains("A different Analyst must approve this quote: you suggested it", await own.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var early = await PostAsync(Analyst, overview, $"{overview}/quotes/{quoteId}", ("decision", "show")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        }

        using (var approved = await PostAsync(_fixture.SecondAnalyst, overview, $"{overview}/quotes/{quoteId}", ("decision", "approve")))
        {
            Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        }

        using (var shown = await PostAsync(_fixture.SecondAnalyst, overview, $"{overview}/quotes/{quoteId}", ("decision", "show")))
        {
            Assert.Equal(HttpStatusCode.Redirect, shown.StatusCode);
        }

        using var visitor = _fixture.Portal.Browser();
        var results = await visitor.GetStringAsync("/surveys/coding-quotes/results");
        Assert.Contains("I feel unsafe in the park after dark, write to [removed]", results, StringComparison.Ordinal);
        Assert.DoesNotContain("jo.bloggs", results, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Themes_are_counted_by_area_with_small_numbers_hidden_from_editors_and_filter_the_results_for_analysts()
    {
        var surveyId = await _fixture.SurveyAsync("coding-results");
        var parks = await AddThemeAsync(Analyst, surveyId, "Parks feel unsafe");
        await CodeAllAsync(Analyst, surveyId, parks);
        var results = $"/admin/surveys/{surveyId}/results";

        var exact = await Analyst.GetStringAsync(results);
        Assert.Contains("40 answers coded", exact, StringComparison.Ordinal);
        Assert.Equal(["0", "3", "15", "0", "18"], ThemeRow(exact, "Parks feel unsafe", "by which town do you live in"));

        var editor = await _fixture.Editor.GetStringAsync(results + $"?theme={parks}");
        Assert.Equal(["[c]", "[c]", "15", "[c]", "18"], ThemeRow(editor, "Parks feel unsafe", "by which town do you live in"));
        Assert.Contains("40 people answered the survey", editor, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"theme\"", editor, StringComparison.Ordinal);

        var filtered = await Analyst.GetStringAsync(results + $"?theme={parks}");
        Assert.Contains("18 people answered the survey. (in the group you chose)", filtered, StringComparison.Ordinal);
        var refused = await Analyst.GetAsync(results + "?theme=999999");
        Assert.Contains("Choose a theme from the list", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static List<Dictionary<string, string>> ReadCsv(byte[] bytes)
    {
        using var csv = CsvHelper.CsvReader.Create(bytes, new CsvHelper.CsvReaderOptions { Separator = ',' });
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            rows.Add(csv.Headers.ToDictionary(h => h, h => csv.GetString(h)));
        }

        return rows;
    }

    /// <summary>The cells of a theme's row in the theme table whose caption contains <paramref name="caption"/>.</summary>
    private static List<string> ThemeRow(string html, string theme, string caption)
    {
        var table = Regex.Match(html, $"<caption[^>]*>[^<]*{Regex.Escape(caption)}[^<]*</caption>(.*?)</table>", RegexOptions.Singleline);
        Assert.True(table.Success, "no theme table " + caption);
        var row = Regex.Match(table.Groups[1].Value, $"<th scope=\"row\" class=\"govuk-table__header\">{Regex.Escape(theme)}</th>(.*?)</tr>", RegexOptions.Singleline);
        Assert.True(row.Success, "no row " + theme);
        return Regex.Matches(row.Groups[1].Value, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">([^<]*)</td>").Select(m => m.Groups[1].Value).ToList();
    }
}
