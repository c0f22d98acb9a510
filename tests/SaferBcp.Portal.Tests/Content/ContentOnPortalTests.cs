using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Data;
using SaferBcp.Cms.Settings;
using SaferBcp.Dataset.Models;
using SaferBcp.Dataset.Services;
using SaferBcp.Referrals;
using SaferBcp.Surveys.Services;

namespace SaferBcp.Portal.Tests.Content;

/// <summary>The starting site as a resident reads it: promises, thresholds and figures only where the report or a setting gives them.</summary>
public sealed partial class ContentOnPortalTests : IClassFixture<ReferralPortal>
{
    private readonly ReferralPortal _portal;

    public ContentOnPortalTests(ReferralPortal portal) => _portal = portal;

    [Fact]
    public async Task A_referral_confirmation_names_no_team_and_promises_no_time_until_staff_set_them()
    {
        var unset = await _portal.SubmitAsync("up2u", Up2UAnswers());
        Assert.DoesNotMatch(PublishedText.ResponsePromise(), unset.WhatHappensNextMarkdown!);
        Assert.DoesNotContain("Up2U team", unset.WhatHappensNextMarkdown, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Someone will contact you", unset.WhatHappensNextMarkdown, StringComparison.Ordinal);

        await SetTeamAsync("Up2U team", publicName: "the example service", responseTime: "within 3 working days");
        try
        {
            var set = await _portal.SubmitAsync("up2u", Up2UAnswers());
            Assert.Contains("Your referral has gone to the example service.", set.WhatHappensNextMarkdown, StringComparison.Ordinal);
            Assert.Contains("We aim to contact you within 3 working days", set.WhatHappensNextMarkdown, StringComparison.Ordinal);

            // Another team, still unset, still promises nothing.
            var other = await _portal.SubmitAsync("domestic-abuse", ReferralPortal.DomesticAbuseAnswers());
            Assert.DoesNotMatch(PublishedText.ResponsePromise(), other.WhatHappensNextMarkdown!);
            Assert.DoesNotContain("the example service", other.WhatHappensNextMarkdown, StringComparison.Ordinal);
        }
        finally
        {
            await SetTeamAsync("Up2U team", publicName: "", responseTime: "");
        }
    }

    [Fact]
    public async Task The_asb_case_review_pages_state_a_threshold_only_once_staff_set_it()
    {
        using var visitor = _portal.Browser();
        foreach (var path in new[] { "/anti-social-behaviour/case-review", "/anti-social-behaviour" })
        {
            var page = Text(await visitor.GetStringAsync(path));
            Assert.DoesNotContain("{{", page, StringComparison.Ordinal);
            Assert.DoesNotContain("times in", page, StringComparison.Ordinal);
            Assert.DoesNotContain("you can ask for a review if you have reported anti-social behaviour", page, StringComparison.OrdinalIgnoreCase);
        }

        await using (var scope = _portal.Services.CreateAsyncScope())
        {
            Assert.Contains(scope.ServiceProvider.GetServices<SiteSettingDefinition>(), d => d.Key == ReferralSiteSettings.AsbCaseReviewThreshold);
        }

        await SetSettingAsync(ReferralSiteSettings.AsbCaseReviewThreshold, "4 times in 5 months");
        try
        {
            var page = Text(await visitor.GetStringAsync("/anti-social-behaviour/case-review"));
            Assert.Contains("you can ask for a review if you have reported anti-social behaviour 4 times in 5 months.", page, StringComparison.Ordinal);
        }
        finally
        {
            await SetSettingAsync(ReferralSiteSettings.AsbCaseReviewThreshold, "");
        }
    }

    [Fact]
    public async Task News_shows_the_month_and_year_the_report_gives_never_a_made_up_day()
    {
        using var visitor = _portal.Browser();
        var list = Text(await visitor.GetStringAsync("/news"));
        Assert.Contains("June 2023", list, StringComparison.Ordinal);
        Assert.DoesNotMatch(new Regex(@"\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) 2023\b"), list);

        var item = Text(await visitor.GetStringAsync("/news/vawg-conference-2023"));
        Assert.Contains("Published June 2023", item, StringComparison.Ordinal);
        Assert.DoesNotContain("1 June 2023", item, StringComparison.Ordinal);
    }

    /// <summary>Where a page prints figures that are also in the dataset: the page, the indicator, and the words a sentence about it contains.</summary>
    private static readonly (string Path, string Indicator, string? Context)[] FiguresOnPages =
    [
        ("/young-people", "FTE", null),
        ("/news/fewer-first-time-entrants", "FTE", null),
        ("/domestic-abuse/up2u", "UP2U-REFERRALS", null),
        ("/domestic-abuse/up2u", "UP2U-COMPLETIONS", null),
        ("/anti-social-behaviour", "ASB-CCS-C2", "C2"),
        ("/anti-social-behaviour", "ASB-CCS-C3", "C3"),
    ];

    [Fact]
    public async Task Pages_print_no_count_that_our_data_hides()
    {
        IReadOnlyList<ShownValue> shown;
        await using (var scope = _portal.Services.CreateAsyncScope())
        {
            shown = await scope.ServiceProvider.GetRequiredService<DatasetStore>().ShownValuesAsync(publishedOnly: true, suppress: true);
        }

        // The rule must have something to hide here, or this test would prove nothing.
        Assert.Contains(shown, v => v.Indicator.Code == "FTE" && v.Geography == Geographies.Christchurch && v.ValueHidden);

        using var visitor = _portal.Browser();
        var problems = new List<string>();
        foreach (var (path, code, context) in FiguresOnPages)
        {
            var hidden = shown.Where(v => v.Indicator.Code == code && v.ValueHidden).ToList();
            Assert.True(shown.Any(v => v.Indicator.Code == code), $"{code} is not in the dataset");
            var document = new HtmlParser().ParseDocument(await visitor.GetStringAsync(path));
            var main = document.QuerySelector("main") ?? document.Body!;
            foreach (var value in hidden)
            {
                var number = DatasetFormat.Count(value.Value);
                var label = value.Geography == Geographies.Bcp ? null : value.Geography;

                // Tables: no cell in the row, or the column, headed with the value's area holds the hidden number.
                foreach (var table in main.QuerySelectorAll("table"))
                {
                    var rows = table.QuerySelectorAll("tr").Select(r => r.QuerySelectorAll("th, td").Select(c => c.TextContent.Trim()).ToList()).ToList();
                    var rowLabels = label is null ? ["Total", "BCP total", "BCP"] : new[] { label };
                    problems.AddRange(rows.Where(r => r.Count > 0 && rowLabels.Contains(r[0]) && r.Skip(1).Contains(number))
                        .Select(r => $"{path}: table row \"{r[0]}\" shows {number}, which /data hides ({code}, {value.Period.Label})"));
                    var column = rows.Count == 0 || label is null ? -1 : rows[0].IndexOf(label);
                    if (column > 0)
                    {
                        problems.AddRange(rows.Skip(1).Where(r => r.Count > column && r[column] == number)
                            .Select(r => $"{path}: table column \"{label}\" shows {number}, which /data hides ({code}, {value.Period.Label})"));
                    }
                }

                // Sentences about the value's area (or its context words) do not state the hidden number.
                var subject = context ?? label;
                if (subject is null)
                {
                    continue;
                }

                var words = value.Value == 0 ? [number, "none", "zero", "no cases"] : new[] { number };
                foreach (var sentence in Sentences(main.QuerySelectorAll("p, li").Select(e => e.TextContent)).Where(s => s.Contains(subject, StringComparison.Ordinal)))
                {
                    var tokens = Numbers().Matches(sentence).Select(m => m.Value).ToList();
                    if (words.Any(w => tokens.Contains(w) || (!char.IsDigit(w[0]) && sentence.Contains(w, StringComparison.OrdinalIgnoreCase))))
                    {
                        problems.Add($"{path}: \"{sentence}\" states a figure /data hides ({code}, {value.Geography}, {value.Period.Label})");
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [InlineData("/domestic-abuse/domestic-homicide-reviews", "commission domestic homicide reviews")]
    [InlineData("/about/how-the-partnership-works", "Heather Dixey")]
    [InlineData("/knife-crime/parents-and-carers", "keeping your young person safe")]
    [InlineData("/news/keeping-our-young-people-safe-conference", "14 November 2023")]
    [InlineData("/news/town-centre-summit", "Town Centre Summit")]
    public async Task Report_items_the_site_lacked_are_published_with_their_source(string path, string text)
    {
        using var visitor = _portal.Browser();
        using var response = await visitor.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Text(await response.Content.ReadAsStringAsync());
        Assert.Contains(text, page, StringComparison.Ordinal);
        Assert.Contains("Source: BCP Community Safety Partnership Annual Report 2023", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Our_data_has_the_report_figures_the_site_lacked_each_with_its_source()
    {
        using var visitor = _portal.Browser();
        var data = Text(await visitor.GetStringAsync("/data"));
        foreach (var text in new[] { "knives or airguns", "Comparator group", "Serious violent crime: Robbery", "New anti-social behaviour cases opened by the council", "Community Consequence Scheme cases at C1", "suspected" })
        {
            Assert.Contains(text, data, StringComparison.Ordinal);
        }

        await using var scope = _portal.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<DatasetStore>();
        var values = await store.ShownValuesAsync(publishedOnly: true, suppress: true);
        Assert.Equal(32m, values.Single(v => v.Indicator.Code == "KNIFE-WORRY-BASELINE").Value);
        Assert.Equal(173m, values.Single(v => v.Indicator.Code == "ASB-COUNCIL-CASES").Value);
        Assert.Equal(134m, values.Single(v => v.Indicator.Code == "FTE-RATE" && v.Geography == Geographies.ComparatorGroup && v.Period.Code == "2022-07-01..2023-06-30").Value);
        Assert.All(values, v => Assert.StartsWith("BCP Community Safety Partnership Annual Report 2023", v.SourceNote ?? v.Indicator.SourceNote, StringComparison.Ordinal));
        Assert.True(values.Single(v => v.Indicator.Code == "ASB-CCS-C3" && v.Period.Code == "2022-03-01..2022-11-30").ValueHidden);
    }

    [Fact]
    public async Task The_setup_recipe_alone_has_no_safe_places_and_no_open_survey()
    {
        using var visitor = _portal.Browser();
        var locator = await visitor.GetStringAsync("/safe-places?open=true");
        Assert.DoesNotContain("(demo)", locator, StringComparison.Ordinal);
        await using var scope = _portal.Services.CreateAsyncScope();
        var content = scope.ServiceProvider.GetRequiredService<SaferBcp.Cms.Content.ContentManager>();
        Assert.False(await content.Query().AnyAsync(c => c.ContentType == "SafePlace"));
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<SurveyCatalog>().OpenAsync());
    }

    private async Task SetTeamAsync(string team, string publicName, string responseTime)
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SaferBcp.Referrals.ReferralsDbContext>();
        await db.Teams.Where(t => t.Name == team).ExecuteUpdateAsync(s => s.SetProperty(t => t.PublicName, publicName).SetProperty(t => t.ResponseTime, responseTime));
    }

    private async Task SetSettingAsync(string key, string value)
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<PortalDatabase>();
        await using var transaction = await database.BeginTransactionAsync();
        await scope.ServiceProvider.GetRequiredService<SiteSettings>().SetAsync(new Dictionary<string, string> { [key] = value });
        await scope.ServiceProvider.GetRequiredService<CmsDbContext>().SaveChangesAsync();
        await transaction.CommitAsync();
    }

    private static Dictionary<string, string> Up2UAnswers() => new()
    {
        ["in-danger"] = "no",
        ["age-band"] = "25-34",
        ["area"] = "poole",
        ["name"] = "Test Person",
        ["children"] = "no",
        ["worries"] = "I shout at my partner",
        ["safe-phone"] = "07700 900123",
        ["safe-voicemail"] = "no",
        ["safe-text"] = "yes",
        ["safe-email-ok"] = "no",
        ["safe-times"] = "Evenings",
    };

    private static string Text(string html) => Spaces().Replace(WebUtility.HtmlDecode(Tags().Replace(html, " ")), " ");

    private static IEnumerable<string> Sentences(IEnumerable<string> blocks) =>
        blocks.SelectMany(b => SentenceEnd().Split(Spaces().Replace(b, " ").Trim())).Where(s => s.Length > 0);

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"(?<=[.!?])\s+")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"(?<![\w.,£%-])\d[\d,]*(?:\.\d+)?(?![\w%])")]
    private static partial Regex Numbers();
}
