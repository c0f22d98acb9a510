using System.Data.Common;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Security;
using SaferBcp.Forms;
using SaferBcp.Forms.Models;
using SaferBcp.Forms.Services;
using SaferBcp.Portal.Tests.Security;
using SaferBcp.Reach;
using SaferBcp.Reach.Services;

namespace SaferBcp.Portal.Tests;

/// <summary>
/// Campaign reach without tracking: views counted on the server as numbers only, programs left out, sensitive pages as
/// one daily total, other websites' domains for campaigns, form starts and completions, several nodes adding up, and
/// the back-office page and its CSV for the staff allowed to see them.
/// </summary>
public sealed class ReachTests
{
    private const string Person = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
    private const string Campaign = "/campaigns/knife-crime";

    private static HttpClient Visitor(PortalFactory portal, string? userAgent = Person)
    {
        var client = portal.Browser();
        if (userAgent is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", userAgent);
        }

        return client;
    }

    private static async Task<HttpResponseMessage> ViewAsync(HttpClient client, string path, string? referrer = null, HttpMethod? method = null, (string Name, string Value)? header = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, path);
        if (referrer is not null)
        {
            request.Headers.TryAddWithoutValidation("Referer", referrer);
        }

        if (header is { } h)
        {
            request.Headers.TryAddWithoutValidation(h.Name, h.Value);
        }

        return await client.SendAsync(request);
    }

    private static async Task FlushAsync(PortalFactory portal)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReachStore>().FlushAsync();
    }

    /// <summary>Every stored row, every column, as the database holds it: the columns' names and each row's values as text.</summary>
    private static async Task<(List<string> Columns, List<Dictionary<string, string>> Rows)> StoredAsync(PortalFactory portal)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var connection = scope.ServiceProvider.GetRequiredService<ReachDbContext>().Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM \"Reach_DailyCounts\"";
        await using DbDataReader reader = await command.ExecuteReaderAsync();
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
        var rows = new List<Dictionary<string, string>>();
        while (await reader.ReadAsync())
        {
            rows.Add(columns.ToDictionary(c => c, c => Convert.ToString(reader[c], System.Globalization.CultureInfo.InvariantCulture) ?? ""));
        }

        return (columns, rows);
    }

    private static async Task<string> ItemIdAsync(PortalFactory portal, string path)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Cms.Data.CmsDbContext>().ContentItems
            .Where(c => c.Published && c.Path == path).Select(c => c.ContentItemId).SingleAsync();
    }

    private static long Count(List<Dictionary<string, string>> rows, string measure, string subject, string domain = "") =>
        rows.Where(r => r["Measure"] == measure && r["Subject"] == subject && r["Domain"] == domain).Sum(r => long.Parse(r["Count"], System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task Campaign_views_are_counted_without_a_cookie_even_from_the_cache_and_only_the_counts_are_stored()
    {
        using var portal = new PortalFactory();
        using var visitor = Visitor(portal);
        using (var first = await ViewAsync(visitor, Campaign, "https://news.example.org/stories/knife-crime-week?utm_source=mail&id=8812"))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.False(first.Headers.Contains("Set-Cookie"), "reading a campaign page set a cookie");
        }

        using (var cached = await ViewAsync(visitor, Campaign, "https://news.example.org/another/page"))
        {
            Assert.NotNull(cached.Headers.Age); // the output cache answered
            Assert.False(cached.Headers.Contains("Set-Cookie"));
        }

        await FlushAsync(portal);
        var (columns, rows) = await StoredAsync(portal);
        Assert.Equal(["Day", "Measure", "Subject", "Domain", "Count"], columns);
        var campaignId = await ItemIdAsync(portal, "campaigns/knife-crime");
        Assert.Equal(2, Count(rows, "page-view", campaignId));
        Assert.Equal(2, Count(rows, "referrer", campaignId, "news.example.org"));
        var everything = string.Join("|", rows.SelectMany(r => r.Values));
        foreach (var identifying in new[] { "stories", "utm", "8812", "another", "Mozilla", "Chrome", "127.0.0.1", "localhost", "knife-crime-week" })
        {
            Assert.DoesNotContain(identifying, everything, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Robots_previews_prefetches_and_HEAD_requests_are_not_counted_as_the_privacy_notice_says()
    {
        using var portal = new PortalFactory();
        foreach (var agent in new[] { "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "facebookexternalhit/1.1 Preview", "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0", "SomeCrawler/3", "Spider" })
        {
            using var robot = Visitor(portal, agent);
            using var response = await ViewAsync(robot, Campaign);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using var person = Visitor(portal);
        using var anonymous = Visitor(portal, userAgent: null);
        (await ViewAsync(anonymous, Campaign)).Dispose();
        (await ViewAsync(person, Campaign, header: ("Sec-Purpose", "prefetch;prerender"))).Dispose();
        (await ViewAsync(person, Campaign, header: ("Purpose", "prefetch"))).Dispose();
        (await ViewAsync(person, Campaign, method: HttpMethod.Head)).Dispose();
        (await ViewAsync(person, Campaign)).Dispose();

        await FlushAsync(portal);
        var (_, rows) = await StoredAsync(portal);
        Assert.Equal(1, Count(rows, "page-view", await ItemIdAsync(portal, "campaigns/knife-crime")));

        var privacy = WebUtility.HtmlDecode(await person.GetStringAsync("/privacy"));
        foreach (var word in CountingRule.AutomatedWords)
        {
            Assert.Contains($"\"{word}\"", privacy, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Sensitive_pages_are_one_total_a_day_with_no_page_or_referrer_named()
    {
        using var portal = new PortalFactory();
        using var visitor = Visitor(portal);
        foreach (var path in new[] { "/domestic-abuse", "/domestic-abuse/in-danger-now", "/support" })
        {
            using var response = await ViewAsync(visitor, path, "https://www.example.net/forum/thread/1234");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await FlushAsync(portal);
        var (_, rows) = await StoredAsync(portal);
        var row = Assert.Single(rows);
        Assert.Equal("sensitive-view", row["Measure"]);
        Assert.Equal("", row["Subject"]);
        Assert.Equal("", row["Domain"]);
        Assert.Equal("3", row["Count"]);
    }

    [Fact]
    public async Task Only_another_websites_domain_is_kept_and_only_for_campaign_pages()
    {
        using var portal = new PortalFactory();
        using var visitor = Visitor(portal);
        (await ViewAsync(visitor, Campaign, "http://localhost/news")).Dispose();
        (await ViewAsync(visitor, "/about", "https://partner.example.com/links")).Dispose();

        await FlushAsync(portal);
        var (_, rows) = await StoredAsync(portal);
        Assert.Equal(1, Count(rows, "page-view", await ItemIdAsync(portal, "campaigns/knife-crime")));
        Assert.Equal(1, Count(rows, "page-view", await ItemIdAsync(portal, "about")));
        Assert.DoesNotContain(rows, r => r["Measure"] == "referrer");
    }

    [Fact]
    public async Task Two_nodes_add_their_counts_to_the_same_days_row()
    {
        using var first = new PortalFactory();
        using var second = PortalFactory.AnotherNode(first);
        using var onFirst = Visitor(first);
        using var onSecond = Visitor(second);

        (await ViewAsync(onFirst, Campaign, "https://a.example.org/")).Dispose();
        await FlushAsync(first);
        (await ViewAsync(onSecond, Campaign, "https://a.example.org/")).Dispose();
        (await ViewAsync(onSecond, Campaign)).Dispose();
        await FlushAsync(second);
        (await ViewAsync(onFirst, Campaign)).Dispose();
        await FlushAsync(first);

        var (_, rows) = await StoredAsync(second);
        var campaignId = await ItemIdAsync(first, "campaigns/knife-crime");
        Assert.Equal(4, Count(rows, "page-view", campaignId));
        Assert.Single(rows, r => r["Measure"] == "page-view");
        Assert.Equal(2, Count(rows, "referrer", campaignId, "a.example.org"));
    }

    private sealed class AcceptingHandler : IFormSubmissionHandler
    {
        public string Kind => "reach-test";

        public Task<FormSubmissionResult> SubmitAsync(FormSubmission submission, CancellationToken cancellationToken) =>
            Task.FromResult(new FormSubmissionResult("RT-0001"));
    }

    private static async Task<HttpResponseMessage> PostPageAsync(HttpClient client, string page, params (string Name, string Value)[] fields)
    {
        var html = await client.GetStringAsync(page);
        var values = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).ToList();
        values.Add(new("__RequestVerificationToken", PortalFactory.AntiforgeryToken(html)));
        return await client.PostAsync(page, new FormUrlEncodedContent(values));
    }

    [Fact]
    public async Task Form_starts_and_completions_are_counted_per_form_and_no_answer_is_kept()
    {
        using var portal = new PortalFactory().WithServices(s =>
        {
            s.AddFormKind(new FormKind("reach-test", "reach-forms", "Reach test forms"));
            s.AddSingleton<IFormSubmissionHandler, AcceptingHandler>();
        });
        var formId = await portal.PublishFormAsync("Reach test form", new FormPart
        {
            Slug = "one-question",
            Kind = "reach-test",
            Pages = [new FormPage { Id = "name", Questions = [new FormQuestion { Id = "name", Type = QuestionType.Text, Label = "Your name" }] }],
        });
        const string Base = "/reach-forms/one-question";

        using (var finishes = Visitor(portal))
        {
            using var answered = await PostPageAsync(finishes, Base + "/name", ("name", "Morgan Unforgettable"));
            Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
            using var sent = await PostPageAsync(finishes, Base + "/check");
            Assert.Equal(Base + "/confirmation", sent.Headers.Location!.ToString());
        }

        using (var leaves = Visitor(portal))
        {
            using var answered = await PostPageAsync(leaves, Base + "/name", ("name", "Another Person"));
            Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        }

        await FlushAsync(portal);
        var (_, rows) = await StoredAsync(portal);
        Assert.Equal(2, Count(rows, "form-start", formId));
        Assert.Equal(1, Count(rows, "form-completion", formId));
        Assert.DoesNotContain(rows.SelectMany(r => r.Values), v => v.Contains("Morgan", StringComparison.Ordinal) || v.Contains("Another", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Editors_see_each_campaigns_views_per_day_as_a_chart_and_table_and_export_them_but_officers_cannot()
    {
        using var portal = new PortalFactory();
        using var visitor = Visitor(portal);
        for (var i = 0; i < 3; i++)
        {
            (await ViewAsync(visitor, Campaign, "https://partner.example.org/")).Dispose();
        }

        await FlushAsync(portal);
        using var editor = await StaffClients.SignedInAsync(portal, "reach-editor", PortalRoles.Editor);
        var page = await editor.GetStringAsync("/admin/reach");
        Assert.Contains("Knife crime: 3 views", page, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"reach-chart\" role=\"img\"", page, StringComparison.Ordinal);
        Assert.Contains("Fri 27 Nov 2026</th><td class=\"govuk-table__cell govuk-table__cell--numeric\">3</td>", page, StringComparison.Ordinal);
        Assert.Contains("partner.example.org", page, StringComparison.Ordinal);

        using var csv = await editor.GetAsync("/admin/reach/reach.csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var text = await csv.Content.ReadAsStringAsync();
        var campaignId = await ItemIdAsync(portal, "campaigns/knife-crime");
        Assert.Contains("Day,Measure,Item,Title,Referring domain,Count", text, StringComparison.Ordinal);
        Assert.Contains($"2026-11-27,page-view,{campaignId},Knife crime,,3", text, StringComparison.Ordinal);
        Assert.Contains($"2026-11-27,referrer,{campaignId},Knife crime,partner.example.org,3", text, StringComparison.Ordinal);

        using var officer = await StaffClients.SignedInAsync(portal, "reach-officer", PortalRoles.ReferralOfficer);
        using var refused = await officer.GetAsync("/admin/reach");
        Assert.True(refused.StatusCode == HttpStatusCode.Forbidden || refused.Headers.Location?.ToString().Contains("access-denied", StringComparison.Ordinal) == true, $"an officer got {refused.StatusCode}");
        using var refusedCsv = await officer.GetAsync("/admin/reach/reach.csv");
        Assert.True(refusedCsv.StatusCode == HttpStatusCode.Forbidden || refusedCsv.Headers.Location?.ToString().Contains("access-denied", StringComparison.Ordinal) == true, $"an officer got {refusedCsv.StatusCode}");
    }
}
