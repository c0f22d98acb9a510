using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Security;
using SaferBcp.Forms.Models;
using SaferBcp.Surveys;
using SaferBcp.Surveys.Models;

namespace SaferBcp.Portal.Tests;

/// <summary>
/// Surveys with results: a closed one whose results are published (60 responses: Poole 30, Bournemouth 27,
/// Christchurch 3), a closed one whose results are not, an open one, and one for watching new responses arrive.
/// </summary>
public sealed class SurveyResultsPortal : IAsyncLifetime
{
    public PortalFactory Portal { get; } = new();

    public string ClosedId { get; private set; } = "";

    public string LiveId { get; private set; } = "";

    public static FormPart Form(string slug) => new()
    {
        Slug = slug,
        Kind = "survey",
        IntroMarkdown = "Tell us how safe you feel.",
        Pages =
        [
            new FormPage
            {
                Id = "about",
                Title = "About you",
                Questions =
                [
                    new FormQuestion { Id = "area", Type = QuestionType.Select, Label = "Which town do you live in?", Tag = "area", Options = PortalFactory.Options(("bournemouth", "Bournemouth"), ("christchurch", "Christchurch"), ("poole", "Poole")) },
                    new FormQuestion { Id = "age", Type = QuestionType.SingleChoice, Label = "How old are you?", Tag = "age-band", Options = PortalFactory.Options(("16-24", "16 to 24"), ("25-plus", "25 or over")) },
                ],
            },
            new FormPage
            {
                Id = "worry",
                Title = "Feeling safe",
                Questions =
                [
                    new FormQuestion { Id = "worry", Type = QuestionType.Scale, Label = "How worried are you about knife crime?", Options = PortalFactory.Options(("very", "Very worried"), ("fairly", "Fairly worried"), ("not-very", "Not very worried"), ("not-at-all", "Not at all worried")) },
                    new FormQuestion { Id = "story", Type = QuestionType.LongText, Label = "Tell us more", Required = false, Personal = true },
                ],
            },
        ],
    };

    public static string Answers(string area, string age, string worry, string? story = null)
    {
        var answers = new Dictionary<string, List<string>> { ["area"] = [area], ["age"] = [age], ["worry"] = [worry] };
        if (story is not null)
        {
            answers["story"] = [story];
        }

        return JsonSerializer.Serialize(answers);
    }

    public async Task InitializeAsync()
    {
        var closed = new DateOnly(2026, 11, 20);
        ClosedId = await Portal.PublishFormAsync("Knife crime survey", Form("knife-crime"), new SurveyPart { ClosesOn = closed, ResultsPublished = true, YouSaidMarkdown = "Most of you told us parks feel unsafe after dark.", WeDidMarkdown = "We are asking for better lighting in parks." });
        await Portal.PublishFormAsync("Unpublished results", Form("not-yet"), new SurveyPart { ClosesOn = closed });
        await Portal.PublishFormAsync("Still open", Form("still-open"), new SurveyPart { ClosesOn = new DateOnly(2026, 12, 31), ResultsPublished = true, YouSaidMarkdown = "Too early." });
        LiveId = await Portal.PublishFormAsync("Live survey", Form("live"), new SurveyPart { ClosesOn = new DateOnly(2026, 12, 31) });

        var rows = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            rows.Add(Answers("poole", i < 20 ? "25-plus" : "16-24", i < 18 ? "very" : "fairly", "My name is Jo Bloggs and the park scares me"));
        }

        for (var i = 0; i < 27; i++)
        {
            rows.Add(Answers("bournemouth", "25-plus", i < 15 ? "fairly" : "not-very"));
        }

        for (var i = 0; i < 3; i++)
        {
            rows.Add(Answers("christchurch", "25-plus", "not-at-all"));
        }

        await AddResponsesAsync(ClosedId, rows);
    }

    public async Task AddResponsesAsync(string surveyId, IEnumerable<string> answers)
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SurveysDbContext>();
        var protector = scope.ServiceProvider.GetRequiredService<SaferBcp.Surveys.Services.SurveyProtector>();
        db.Responses.AddRange(answers.Select(a => new SurveyResponse { SurveyContentItemId = surveyId, ResponseDate = new DateOnly(2026, 11, 10), AnswersJson = protector.ProtectAnswersJson(a) }));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await Portal.DisposeAsync();
}

public sealed partial class SurveyResultsTests : IClassFixture<SurveyResultsPortal>
{
    private readonly SurveyResultsPortal _surveys;

    public SurveyResultsTests(SurveyResultsPortal surveys) => _surveys = surveys;

    private PortalFactory Portal => _surveys.Portal;

    private async Task<HttpClient> StaffAsync(string userName, string role)
    {
        await Portal.CreateStaffAsync(userName, role);
        var client = Portal.Browser();
        await PortalFactory.SignInAsync(client, userName, PortalFactory.StaffPassword);
        return client;
    }

    /// <summary>The cells of a table row, found by its heading.</summary>
    private static List<string> Row(string html, string label)
    {
        var match = Regex.Match(html, $"<th scope=\"row\" class=\"govuk-table__header\">{Regex.Escape(label)}</th>(.*?)</tr>", RegexOptions.Singleline);
        Assert.True(match.Success, $"no row {label}");
        return Cell().Matches(match.Groups[1].Value).Select(m => m.Groups[1].Value).ToList();
    }

    [GeneratedRegex("<td class=\"govuk-table__cell govuk-table__cell--numeric\">([^<]*)</td>")]
    private static partial Regex Cell();

    [Fact]
    public async Task An_analyst_sees_exact_counts_and_an_editor_sees_small_counts_hidden()
    {
        using var analyst = await StaffAsync("results-analyst", PortalRoles.Analyst);
        var exact = await analyst.GetStringAsync($"/admin/surveys/{_surveys.ClosedId}/results");
        Assert.Contains("60 people answered the survey", exact, StringComparison.Ordinal);
        Assert.Equal(["3", "5%"], Row(exact, "Christchurch"));
        Assert.Equal(["30", "50%"], Row(exact, "Poole"));
        Assert.Contains("role=\"img\"", exact, StringComparison.Ordinal);
        Assert.DoesNotContain("Jo Bloggs", exact, StringComparison.Ordinal);

        using var editor = await StaffAsync("results-editor", PortalRoles.Editor);
        var survey = await editor.GetStringAsync($"/admin/surveys/{_surveys.ClosedId}");
        Assert.Contains($"href=\"/admin/surveys/{_surveys.ClosedId}/results\"", survey, StringComparison.Ordinal);
        var hidden = await editor.GetStringAsync($"/admin/surveys/{_surveys.ClosedId}/results");
        Assert.Equal(["[c]", "[c]"], Row(hidden, "Christchurch"));
        // With one town hidden, the next smallest goes too, or 60 - 30 - 27 would give it back.
        Assert.Equal(["[c]", "[c]"], Row(hidden, "Bournemouth"));
        Assert.Equal(["30", "50%"], Row(hidden, "Poole"));
        Assert.Contains("Filtering the results and comparing two questions are for Analysts", hidden, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filters_by_area_and_age_band_change_the_numbers_and_a_cross_tab_compares_two_questions()
    {
        using var analyst = await StaffAsync("results-filter", PortalRoles.Analyst);
        var baseUrl = $"/admin/surveys/{_surveys.ClosedId}/results";
        var all = await analyst.GetStringAsync(baseUrl);
        Assert.Equal(["18", "30%"], Row(all, "Very worried"));

        var poole = await analyst.GetStringAsync(baseUrl + "?area=poole");
        Assert.Contains("30 people answered the survey", poole, StringComparison.Ordinal);
        Assert.Equal(["18", "60%"], Row(poole, "Very worried"));
        Assert.Contains("<option value=\"poole\" selected=\"selected\">Poole</option>", poole, StringComparison.Ordinal);

        var young = await analyst.GetStringAsync(baseUrl + "?area=poole&age=16-24");
        Assert.Contains("10 people answered the survey", young, StringComparison.Ordinal);
        Assert.Equal(["0", "0%"], Row(young, "Very worried"));

        var crossTab = await analyst.GetStringAsync(baseUrl + "?rows=area&columns=worry");
        Assert.Equal(["0 (0%)", "15 (56%)", "12 (44%)", "0 (0%)", "27"], Row(crossTab, "Bournemouth"));

        using var wrong = await analyst.GetAsync(baseUrl + "?area=atlantis&rows=area&columns=area");
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var errors = await wrong.Content.ReadAsStringAsync();
        Assert.Contains("govuk-error-summary", errors, StringComparison.Ordinal);
        Assert.Contains("Choose an area from the list", errors, StringComparison.Ordinal);
        Assert.Contains("Choose a different question for the columns", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_response_added_after_the_first_view_appears_on_the_next_view()
    {
        using var analyst = await StaffAsync("results-live", PortalRoles.Analyst);
        var url = $"/admin/surveys/{_surveys.LiveId}/results";
        await _surveys.AddResponsesAsync(_surveys.LiveId, [SurveyResultsPortal.Answers("poole", "16-24", "very")]);
        Assert.Contains("1 person answered the survey", await analyst.GetStringAsync(url), StringComparison.Ordinal);

        await _surveys.AddResponsesAsync(_surveys.LiveId, [SurveyResultsPortal.Answers("poole", "16-24", "fairly"), SurveyResultsPortal.Answers("bournemouth", "25-plus", "fairly")]);
        var next = await analyst.GetStringAsync(url);
        Assert.Contains("3 people answered the survey", next, StringComparison.Ordinal);
        Assert.Equal(["2", "67%"], Row(next, "Fairly worried"));
    }

    [Fact]
    public async Task The_public_results_page_exists_only_for_a_closed_survey_with_published_results()
    {
        using var client = Portal.Browser();
        foreach (var slug in new[] { "still-open", "not-yet", "live", "no-such-survey" })
        {
            using var missing = await client.GetAsync($"/surveys/{slug}/results");
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        using var response = await client.GetAsync("/surveys/knife-crime/results");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Most of you told us parks feel unsafe after dark.", html, StringComparison.Ordinal);
        Assert.Contains("We are asking for better lighting in parks.", html, StringComparison.Ordinal);
        Assert.Contains("role=\"img\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Jo Bloggs", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Tell us more", html, StringComparison.Ordinal);
        Assert.Equal(["[c]", "[c]"], Row(html, "Christchurch"));
        var counts = Cell().Matches(html).Select(m => m.Groups[1].Value).Where(v => !v.EndsWith('%')).ToList();
        Assert.NotEmpty(counts);
        Assert.All(counts, c => Assert.True(c == "[c]" || int.Parse(c, System.Globalization.CultureInfo.InvariantCulture) >= 10, $"shown count {c}"));
        Assert.DoesNotMatch(new Regex(@"\(\s*[0-9]\)"), html);

        var list = await client.GetStringAsync("/surveys");
        Assert.Contains("href=\"/surveys/knife-crime/results\"", list, StringComparison.Ordinal);
        Assert.DoesNotContain("/surveys/not-yet/results", list, StringComparison.Ordinal);
        var closed = await client.GetStringAsync("/surveys/knife-crime");
        Assert.Contains("href=\"/surveys/knife-crime/results\"", closed, StringComparison.Ordinal);
    }
}
