using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;

namespace SaferBcp.Portal.Tests;

public sealed partial class SupportTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _portal;

    public SupportTests(PortalFactory portal) => _portal = portal;

    private static readonly Dictionary<string, string> PooleDomesticAbuse = new()
    {
        ["who"] = "experiencing-abuse",
        ["what"] = "domestic-abuse",
        ["where"] = "poole",
    };

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, IEnumerable<KeyValuePair<string, string>> fields, string tokenFrom = "/support/who")
    {
        var token = PortalFactory.AntiforgeryToken(await client.GetStringAsync(tokenFrom));
        return await client.PostAsync(url, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))));
    }

    private static void AssertNoStore(HttpResponseMessage response, string step)
    {
        Assert.True(response.Headers.CacheControl?.NoStore == true, $"{step} is not no-store");
    }

    private static void AssertFormPostsWithoutAnswersInTheAddress(string html, string expectedAction)
    {
        var document = new HtmlParser().ParseDocument(html);
        var forms = document.QuerySelectorAll("main form");
        var form = forms[forms.Length - 1];
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal(expectedAction, form.GetAttribute("action"));
        Assert.DoesNotContain("?", expectedAction, StringComparison.Ordinal);
        Assert.NotNull(form.QuerySelector("button[type=submit]"));
    }

    [Fact]
    public async Task Find_support_works_with_plain_form_posts_every_step_is_no_store_and_999_comes_before_the_national_helpline()
    {
        using var client = _portal.Browser();

        using var start = await client.GetAsync("/support");
        AssertNoStore(start, "start page");
        var startHtml = await start.Content.ReadAsStringAsync();
        Assert.Contains("href=\"/support/who\"", startHtml, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"robots\" content=\"noindex\">", startHtml, StringComparison.Ordinal);

        using var who = await client.GetAsync("/support/who");
        AssertNoStore(who, "who");
        var whoHtml = await who.Content.ReadAsStringAsync();
        Assert.Contains("Who do you need support for?", whoHtml, StringComparison.Ordinal);
        AssertFormPostsWithoutAnswersInTheAddress(whoHtml, "/support/what");

        using var what = await PostAsync(client, "/support/what", PooleDomesticAbuse.Where(f => f.Key == "who"));
        AssertNoStore(what, "what");
        var whatHtml = await what.Content.ReadAsStringAsync();
        Assert.Contains("What is happening?", whatHtml, StringComparison.Ordinal);
        Assert.Contains("<input type=\"hidden\" name=\"who\" value=\"experiencing-abuse\">", whatHtml, StringComparison.Ordinal);
        AssertFormPostsWithoutAnswersInTheAddress(whatHtml, "/support/where");

        using var where = await PostAsync(client, "/support/where", PooleDomesticAbuse.Where(f => f.Key != "where"));
        AssertNoStore(where, "where");
        var whereHtml = await where.Content.ReadAsStringAsync();
        Assert.Contains("Where do you live?", whereHtml, StringComparison.Ordinal);
        AssertFormPostsWithoutAnswersInTheAddress(whereHtml, "/support/results");

        using var results = await PostAsync(client, "/support/results", PooleDomesticAbuse);
        AssertNoStore(results, "results");
        Assert.Equal(HttpStatusCode.OK, results.StatusCode);
        Assert.Equal("/support/results", results.RequestMessage!.RequestUri!.PathAndQuery);
        var html = await results.Content.ReadAsStringAsync();
        var emergency = html.IndexOf("href=\"tel:999\"", StringComparison.Ordinal);
        var helpline = html.IndexOf("href=\"/support/services/national-domestic-abuse-helpline\"", StringComparison.Ordinal);
        Assert.True(emergency > 0, "999 is missing");
        Assert.True(helpline > emergency, "the National Domestic Abuse Helpline is missing or comes before 999");
        Assert.Contains("press 55", html, StringComparison.Ordinal);
        Assert.Contains("href=\"tel:18000\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"tel:08082000247\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/refer-yourself/domestic-abuse\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Up2U", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Rape Crisis", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Choosing_nothing_shows_the_question_again_with_an_error_summary()
    {
        using var client = _portal.Browser();
        using var response = await PostAsync(client, "/support/what", []);
        var html = await response.Content.ReadAsStringAsync();

        AssertNoStore(response, "error page");
        Assert.Contains("govuk-error-summary", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#who\">Select who you need support for</a>", html, StringComparison.Ordinal);
        Assert.Contains("id=\"who\"", html, StringComparison.Ordinal);
        Assert.Contains("<title>Error: Who do you need support for?", html, StringComparison.Ordinal);

        using var where = await PostAsync(client, "/support/results", PooleDomesticAbuse.Where(f => f.Key != "where"));
        Assert.Contains("Select where you live, or \u2018I\u2019d rather not say\u2019", WebUtility.HtmlDecode(await where.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_back_link_takes_the_answers_back_in_a_post_and_keeps_the_choice()
    {
        using var client = _portal.Browser();
        using var results = await PostAsync(client, "/support/results", PooleDomesticAbuse);
        var html = await results.Content.ReadAsStringAsync();
        Assert.Contains("<form method=\"post\" action=\"/support/where\" class=\"app-back-form\">", html, StringComparison.Ordinal);

        using var back = await PostAsync(client, "/support/where", PooleDomesticAbuse);
        var backHtml = await back.Content.ReadAsStringAsync();
        Assert.Matches(CheckedPoole(), backHtml);
    }

    [Fact]
    public async Task A_finder_step_address_without_answers_starts_again()
    {
        using var client = _portal.Browser();
        using var response = await client.GetAsync("/support/results?who=experiencing-abuse");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/support/who", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task A_service_has_its_own_page_with_tel_links_and_a_safe_external_link()
    {
        using var client = _portal.Browser();
        using var response = await client.GetAsync("/support/services/national-domestic-abuse-helpline");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertNoStore(response, "service page");
        Assert.Contains("<a class=\"govuk-link govuk-!-font-weight-bold\" href=\"tel:08082000247\">0808 2000 247</a>", html, StringComparison.Ordinal);
        Assert.Contains("Open 24 hours a day, every day", html, StringComparison.Ordinal);
        Assert.Contains("<a class=\"govuk-link\" href=\"https://www.nationaldahelpline.org.uk\" rel=\"noreferrer\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_is_found_by_search_with_its_phone_and_24_hours()
    {
        using var client = _portal.Browser();
        var html = await client.GetStringAsync("/search?q=" + Uri.EscapeDataString("domestic abuse helpline"));

        var document = new HtmlParser().ParseDocument(html);
        var result = document.QuerySelectorAll("li.app-search-result--service").FirstOrDefault(li => li.TextContent.Contains("National Domestic Abuse Helpline", StringComparison.Ordinal));
        Assert.NotNull(result);
        Assert.Contains("Support service", result.TextContent, StringComparison.Ordinal);
        Assert.NotNull(result.QuerySelector("a[href='tel:08082000247']"));
        Assert.Contains("24 hours", result.TextContent, StringComparison.Ordinal);
        Assert.NotNull(result.QuerySelector("a[href='/support/services/national-domestic-abuse-helpline']"));
    }

    [Fact]
    public async Task An_unpublished_service_appears_nowhere_public()
    {
        // Support services need review before publishing (the starting recipe): a Reviewer publishes them directly.
        await _portal.CreateStaffAsync("editor-support-test", "Reviewer");
        using var editor = _portal.Browser();
        await PortalFactory.SignInAsync(editor, "editor-support-test", PortalFactory.StaffPassword);
        using var visitor = _portal.Browser();

        var fields = new List<KeyValuePair<string, string>>
        {
            new("TitlePart.Title", "Quillfeather Advice Service"),
            new("AutoroutePart.Path", ""),
            new("ServicePart.Summary", "Advice for people in Christchurch."),
            new("ServicePart.Audiences", "experiencing-abuse"),
            new("ServicePart.Audiences", "family-and-friends"),
            new("ServicePart.Topics", "stalking"),
            new("ServicePart.Areas", "christchurch"),
            new("ServicePart.Phone", "01202 123456"),
            new("submit", "publish"),
        };
        using var created = await PostAsync(editor, "/admin/content/new/Service", fields, tokenFrom: "/admin/content/new/Service");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = IdPattern().Match(created.Headers.Location!.ToString()).Groups[1].Value;

        var christchurchStalking = new Dictionary<string, string> { ["who"] = "family-and-friends", ["what"] = "stalking", ["where"] = "christchurch" };
        using (var page = await visitor.GetAsync("/support/services/quillfeather-advice-service"))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        using (var found = await PostAsync(visitor, "/support/results", christchurchStalking))
        {
            Assert.Contains("Quillfeather Advice Service", await found.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Contains("Quillfeather Advice Service", await visitor.GetStringAsync("/search?q=quillfeather"), StringComparison.Ordinal);

        using (var unpublish = await PostAsync(editor, $"/admin/content/{id}/unpublish", [], tokenFrom: $"/admin/content/{id}/edit"))
        {
            Assert.Equal(HttpStatusCode.Redirect, unpublish.StatusCode);
        }

        using (var gone = await visitor.GetAsync("/support/services/quillfeather-advice-service"))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        using (var results = await PostAsync(visitor, "/support/results", christchurchStalking))
        {
            var html = await results.Content.ReadAsStringAsync();
            Assert.DoesNotContain("Quillfeather", html, StringComparison.Ordinal);
            Assert.Contains("National Stalking Helpline", html, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Quillfeather", await visitor.GetStringAsync("/search?q=quillfeather"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_service_editor_explains_what_is_wrong_in_plain_English()
    {
        await _portal.CreateStaffAsync("editor-support-errors", "Editor");
        using var editor = _portal.Browser();
        await PortalFactory.SignInAsync(editor, "editor-support-errors", PortalFactory.StaffPassword);

        using var response = await PostAsync(editor, "/admin/content/new/Service", new List<KeyValuePair<string, string>>
        {
            new("TitlePart.Title", "Broken service"),
            new("ServicePart.Summary", "Something."),
            new("ServicePart.Phone", "call us"),
            new("ServicePart.Website", "http://example.org"),
            new("submit", "save"),
        }, tokenFrom: "/admin/content/new/Service");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Contains("Enter a UK phone number, like 01202 123456 or 0808 2000 247", html, StringComparison.Ordinal);
        Assert.Contains("Enter a website address starting with https://", html, StringComparison.Ordinal);
        Assert.Contains("Select who the service is for", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Support_pages_make_no_third_party_requests_and_external_links_are_plain_noreferrer_links()
    {
        using var client = _portal.Browser();
        var pages = new List<(string Name, string Html)>
        {
            ("start", await client.GetStringAsync("/support")),
            ("who", await client.GetStringAsync("/support/who")),
            ("service", await client.GetStringAsync("/support/services/national-domestic-abuse-helpline")),
            ("search", await client.GetStringAsync("/search?q=helpline")),
        };
        using (var results = await PostAsync(client, "/support/results", new Dictionary<string, string> { ["who"] = "experiencing-abuse", ["what"] = "not-sure", ["where"] = "rather-not-say" }))
        {
            pages.Add(("results", await results.Content.ReadAsStringAsync()));
        }

        var parser = new HtmlParser();
        foreach (var (name, html) in pages)
        {
            var document = parser.ParseDocument(html);
            foreach (var element in document.QuerySelectorAll("[src], [href], [action], [srcset], [poster], [data]"))
            {
                foreach (var attribute in new[] { "src", "href", "action", "srcset", "poster", "data" })
                {
                    var value = element.GetAttribute(attribute);
                    // "data:," is the layout's empty favicon, which stops the browser asking for /favicon.ico.
                    if (value is null || value.StartsWith('/') && !value.StartsWith("//", StringComparison.Ordinal) || value.StartsWith('#') || value == "data:,")
                    {
                        continue;
                    }

                    if (element.LocalName == "a" && attribute == "href" && (value.StartsWith("tel:", StringComparison.Ordinal) || value.StartsWith("sms:", StringComparison.Ordinal) || value.StartsWith("mailto:", StringComparison.Ordinal)))
                    {
                        continue;
                    }

                    // A service's own website: a plain link that sends nothing about this page.
                    Assert.True(element.LocalName == "a" && attribute == "href" && value.StartsWith("https://", StringComparison.Ordinal), $"{name}: <{element.LocalName} {attribute}=\"{value}\"> loads or sends to another site");
                    Assert.Contains("noreferrer", element.GetAttribute("rel") ?? "", StringComparison.Ordinal);
                    Assert.Null(element.GetAttribute("target"));
                }
            }

            Assert.DoesNotContain(" style=\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex("/admin/content/([^/]+)/edit")]
    private static partial Regex IdPattern();

    [GeneratedRegex("<input class=\"govuk-radios__input\" id=\"where-3\" name=\"where\" type=\"radio\" value=\"poole\" checked=\"checked\"")]
    private static partial Regex CheckedPoole();
}
