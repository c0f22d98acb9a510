using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Dataset;
using SaferBcp.Dataset.Models;

namespace SaferBcp.Portal.Tests.Coding;

/// <summary>
/// Themes as a source for a dataset indicator: chosen on the same mapping screen as a survey question's answers, the
/// figure is the share of coded answers carrying the theme, worked out again as answers are coded, hidden as "[c]" on
/// the public /data page below the threshold (10), and still right after the theme is renamed or merged.
/// </summary>
public sealed class ThemeMappingTests : IClassFixture<CodingPortal>
{
    private readonly CodingPortal _fixture;

    public ThemeMappingTests(CodingPortal fixture) => _fixture = fixture;

    private HttpClient Analyst => _fixture.Analyst;

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task An_indicator_mapped_to_a_theme_counts_coded_answers_and_is_hidden_on_the_public_page_until_enough_are_coded()
    {
        var surveyId = await _fixture.SurveyAsync("theme-mapping-values");
        var parks = await CodingTests.AddThemeAsync(Analyst, surveyId, "Parks feel unsafe");
        var (indicatorId, code) = await IndicatorAsync("THEME-PARKS");

        // The mapping screen lists the survey's free-text question with its themes, next to the choice questions.
        var choose = await Analyst.GetStringAsync($"/admin/dataset/{indicatorId}/mapping/question?survey={Uri.EscapeDataString(surveyId)}");
        Assert.Contains("Themes to count for \"Tell us more\"", choose, StringComparison.Ordinal);
        Assert.Contains($"value=\"story:theme-{parks}\"", choose, StringComparison.Ordinal);
        Assert.Contains("Parks feel unsafe</label>", choose, StringComparison.Ordinal);
        using (var saved = await PostMappingAsync(indicatorId, surveyId, $"story:theme-{parks}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var indicatorPage = await Analyst.GetStringAsync($"/admin/dataset/{indicatorId}");
        Assert.Contains("Themes counted", indicatorPage, StringComparison.Ordinal);
        Assert.Contains("Parks feel unsafe", indicatorPage, StringComparison.Ordinal);

        // Five answers coded (the first are Poole's answers about the park): 5 of 5, too few to publish.
        await CodeFirstAsync(surveyId, parks, 5);
        var small = await FigureOutOfAsync(indicatorId, "2026/27 Q3", 5);
        Assert.Equal((100m, 5), (small.Value, small.Numerator));
        using var visitor = _fixture.Portal.Browser();
        var hidden = await visitor.GetStringAsync($"/data/{code}");
        Assert.Contains("dataset-figure\">[c]</td>", hidden, StringComparison.Ordinal);
        Assert.DoesNotContain(">100%</td>", hidden, StringComparison.Ordinal);

        // Every answer coded: 18 of the 40 are about parks.
        await CodingTests.CodeAllAsync(Analyst, surveyId, parks);
        var year = await FigureOutOfAsync(indicatorId, "2026/27", 40);
        Assert.Equal((45m, 18), (year.Value, year.Numerator));
        var shown = await visitor.GetStringAsync($"/data/{code}");
        Assert.Contains(">45%</td>", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("dataset-figure\">[c]</td>", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_renamed_or_merged_theme_keeps_its_mapping_and_a_stale_theme_is_refused_plainly()
    {
        var surveyId = await _fixture.SurveyAsync("theme-mapping-merge");
        var codebook = $"/admin/surveys/{surveyId}/coding/story/codebook";
        var dark = await CodingTests.AddThemeAsync(Analyst, surveyId, "Dark parks");
        var parks = await CodingTests.AddThemeAsync(Analyst, surveyId, "Green spaces");
        var (indicatorId, _) = await IndicatorAsync("THEME-MERGE");
        using (var saved = await PostMappingAsync(indicatorId, surveyId, $"story:theme-{dark}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        await CodingTests.CodeAllAsync(Analyst, surveyId, dark);
        Assert.Equal(18, (await FigureOutOfAsync(indicatorId, "2026/27", 40)).Numerator);

        using (var renamed = await CodingTests.PostAsync(Analyst, codebook, $"/admin/surveys/{surveyId}/coding/story/themes/{dark}", ("name", "Parks feel unsafe after dark"), ("description", "")))
        {
            Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        }

        Assert.Contains("Parks feel unsafe after dark", await Analyst.GetStringAsync($"/admin/dataset/{indicatorId}"), StringComparison.Ordinal);

        using (var merged = await CodingTests.PostAsync(Analyst, codebook, $"/admin/surveys/{surveyId}/coding/story/merge", ("from", Id(dark)), ("into", Id(parks))))
        {
            Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);
        }

        // The mapping now counts the theme the first was merged into, and the figure stays the same 18 of 40.
        var page = await Analyst.GetStringAsync($"/admin/dataset/{indicatorId}");
        Assert.Contains("Green spaces", page, StringComparison.Ordinal);
        Assert.DoesNotContain("(not found)", page, StringComparison.Ordinal);
        Assert.DoesNotContain("govuk-warning-text", page, StringComparison.Ordinal);
        var mapping = await QueryAsync(db => db.SurveyMappings.AsNoTracking().FirstAsync(m => m.IndicatorId == indicatorId));
        Assert.Equal($"theme-{parks}", mapping.CountedOptionValues);
        Assert.Equal((45m, 18), ((await FigureOutOfAsync(indicatorId, "2026/27", 40)).Value, (await FigureOutOfAsync(indicatorId, "2026/27", 40)).Numerator));

        // A mapping screen left open before the merge still offers the old theme: saving it is refused in plain English.
        using var stale = await PostMappingAsync(indicatorId, surveyId, $"story:theme-{dark}");
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        Assert.Contains("One of the themes you selected is no longer in the codebook (it may have been merged or removed). Select the themes again", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal($"theme-{parks}", (await QueryAsync(db => db.SurveyMappings.AsNoTracking().FirstAsync(m => m.IndicatorId == indicatorId))).CountedOptionValues);
    }

    private async Task<(int Id, string Code)> IndicatorAsync(string code)
    {
        await using var scope = _fixture.Portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DatasetDbContext>();
        var indicator = new Indicator
        {
            Code = code, Name = "Residents who wrote that parks feel unsafe", Description = "Survey themes", Unit = IndicatorUnit.Percentage, Direction = Direction.LowerIsBetter,
            Source = IndicatorSource.SurveyMapping, Geographies = Geographies.Bcp, Published = true, SourceNote = "Parks survey", SortOrder = 998,
        };
        db.Indicators.Add(indicator);
        await db.SaveChangesAsync();
        return (indicator.Id, code);
    }

    private async Task<HttpResponseMessage> PostMappingAsync(int indicatorId, string surveyId, params string[] counted)
    {
        var page = await Analyst.GetStringAsync($"/admin/dataset/{indicatorId}/mapping/question?survey={Uri.EscapeDataString(surveyId)}");
        var fields = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", PortalFactory.AntiforgeryToken(page)), new("survey", surveyId), new("question", "story") };
        fields.AddRange(counted.Select(c => new KeyValuePair<string, string>("counted", c)));
        return await Analyst.PostAsync($"/admin/dataset/{indicatorId}/mapping", new FormUrlEncodedContent(fields));
    }

    /// <summary>"Save and next" on the first <paramref name="count"/> answers: those about the park with the theme.</summary>
    private async Task CodeFirstAsync(string surveyId, int theme, int count)
    {
        var address = $"/admin/surveys/{surveyId}/coding/story";
        var page = await Analyst.GetStringAsync(address);
        for (var i = 0; i < count; i++)
        {
            var (responseId, text) = CodingTests.Shown(page);
            var fields = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", PortalFactory.AntiforgeryToken(page)) };
            if (text.Contains("park", StringComparison.Ordinal))
            {
                fields.Add(new("themes", Id(theme)));
            }

            using var saved = await Analyst.PostAsync($"{address}/{responseId}", new FormUrlEncodedContent(fields));
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            page = await Analyst.GetStringAsync(saved.Headers.Location!.OriginalString);
        }
    }

    private async Task<T> QueryAsync<T>(Func<DatasetDbContext, Task<T>> query)
    {
        await using var scope = _fixture.Portal.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<DatasetDbContext>());
    }

    /// <summary>Waits (at most 20 seconds) for the background recompute to store the figure out of this many coded answers.</summary>
    private async Task<DataValue> FigureOutOfAsync(int indicatorId, string period, int coded)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var value = await QueryAsync(db => db.Values.AsNoTracking().FirstOrDefaultAsync(v => v.IndicatorId == indicatorId && v.Period!.Code == period));
            if (value?.Denominator == coded)
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < until, $"{period}: after 20 seconds the figure is {value?.Numerator} of {value?.Denominator}, not out of {coded}");
            await Task.Delay(50);
        }
    }
}
