using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Data;
using SaferBcp.Cms.Localization;

namespace SaferBcp.Portal.Tests.Localization;

/// <summary>
/// Translations of pages: /pl/x serves the Polish item at x, or the English page with a notice in Polish; the
/// switcher and hreflang links list the languages a page exists in; "to be checked" shows until staff confirm it.
/// </summary>
public sealed partial class ContentTranslationTests : IClassFixture<PortalFactory>
{
    private const string ToBeCheckedPl = "Tłumaczenie do sprawdzenia przez wykwalifikowanego tłumacza.";
    private const string ToBeCheckedEn = "Translation to be checked by a qualified translator.";
    private readonly PortalFactory _portal;

    public ContentTranslationTests(PortalFactory portal) => _portal = portal;

    private async Task<HttpClient> EditorAsync()
    {
        await _portal.CreateStaffAsync("editor-translations", "Editor");
        var client = _portal.Browser();
        await PortalFactory.SignInAsync(client, "editor-translations", PortalFactory.StaffPassword);
        return client;
    }

    private static Dictionary<string, string> Page(string title, string path, string body) => new()
    {
        ["TitlePart.Title"] = title,
        ["AutoroutePart.Path"] = path,
        ["ArticlePart.Summary"] = "A page made by a test.",
        ["ArticlePart.Markdown"] = body,
        ["submit"] = "publish",
    };

    private static async Task<string> CreateAsync(HttpClient editor, string title, string path, string body)
    {
        using var response = await PortalFactory.PostFormAsync(editor, "/admin/content/new/Page", "/admin/content/new/Page", Page(title, path, body));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return IdPattern().Match(response.Headers.Location!.ToString()).Groups[1].Value;
    }

    /// <summary>"Add translation" on the original, then the translator's words saved and published.</summary>
    private static async Task<string> TranslateAsync(HttpClient editor, string originalId, string culture, string title, string path, string body)
    {
        string id;
        using (var added = await PortalFactory.PostFormAsync(editor, $"/admin/content/{originalId}/edit", $"/admin/content/{originalId}/translations", new Dictionary<string, string> { ["culture"] = culture }))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
            id = IdPattern().Match(added.Headers.Location!.ToString()).Groups[1].Value;
            Assert.NotEqual(originalId, id);
        }

        using var saved = await PortalFactory.PostFormAsync(editor, $"/admin/content/{id}/edit", $"/admin/content/{id}/edit", Page(title, path, body));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        return id;
    }

    /// <summary>The page as a browser reads it: Razor writes Polish and Arabic letters as character references.</summary>
    private static async Task<string> ReadAsync(HttpClient client, string url) => WebUtility.HtmlDecode(await client.GetStringAsync(url));

    private static string ContentBlock(string html) => ContentBlockPattern().Match(html).Value;

    [Fact]
    public async Task The_polish_address_serves_the_polish_translation_with_its_language_on_the_content()
    {
        using var visitor = _portal.Browser();
        var html = await ReadAsync(visitor, "/pl/domestic-abuse");

        Assert.Contains("<h1 class=\"govuk-heading-xl\">Przemoc domowa</h1>", html, StringComparison.Ordinal);
        Assert.Contains("lang=\"pl\" dir=\"ltr\"", ContentBlock(html), StringComparison.Ordinal);
        Assert.DoesNotContain("What domestic abuse is", html, StringComparison.Ordinal);
        Assert.Contains("Domestic abuse</h1>", await ReadAsync(visitor, "/domestic-abuse"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_arabic_translation_is_marked_right_to_left()
    {
        using var visitor = _portal.Browser();
        var html = await ReadAsync(visitor, "/ar/domestic-abuse");

        Assert.Contains("العنف الأسري", html, StringComparison.Ordinal);
        Assert.Contains("lang=\"ar\" dir=\"rtl\"", ContentBlock(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_not_yet_translated_is_shown_in_english_with_a_notice_in_the_visitors_language()
    {
        using var visitor = _portal.Browser();
        var html = await ReadAsync(visitor, "/pl/domestic-abuse/marac");

        Assert.Contains(TranslationNotices.NotTranslated("pl"), html, StringComparison.Ordinal);
        Assert.Contains("lang=\"en\" dir=\"ltr\"", ContentBlock(html), StringComparison.Ordinal);
        Assert.DoesNotContain("hreflang", html, StringComparison.Ordinal);
        Assert.DoesNotContain(TranslationNotices.NotTranslated("pl"), await ReadAsync(visitor, "/domestic-abuse/marac"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Links_in_a_translated_page_go_to_the_translation_of_the_page_they_point_at_where_there_is_one()
    {
        using var visitor = _portal.Browser();
        var html = await ReadAsync(visitor, "/pl/domestic-abuse");

        Assert.Contains("href=\"/pl/domestic-abuse/in-danger-now\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/pl/domestic-abuse/cover-your-tracks\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/domestic-abuse/marac\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_switcher_and_hreflang_links_list_only_the_languages_the_page_exists_in()
    {
        using var editor = await EditorAsync();
        using var visitor = _portal.Browser();
        var id = await CreateAsync(editor, "Lantern advice", "lantern-advice", "English lantern words.");
        Assert.DoesNotContain("hreflang", await ReadAsync(visitor, "/lantern-advice"), StringComparison.Ordinal);

        await TranslateAsync(editor, id, "pl", "Porady o latarniach", "lantern-advice", "Polskie słowa o latarniach.");
        var english = await ReadAsync(visitor, "/lantern-advice");
        var polish = await ReadAsync(visitor, "/pl/lantern-advice");

        foreach (var html in new[] { english, polish })
        {
            Assert.Contains("<link rel=\"alternate\" hreflang=\"en\" href=\"http://localhost/lantern-advice\">", html, StringComparison.Ordinal);
            Assert.Contains("<link rel=\"alternate\" hreflang=\"pl\" href=\"http://localhost/pl/lantern-advice\">", html, StringComparison.Ordinal);
            Assert.Contains("<link rel=\"alternate\" hreflang=\"x-default\" href=\"http://localhost/lantern-advice\">", html, StringComparison.Ordinal);
            Assert.DoesNotContain("hreflang=\"ar\"", html, StringComparison.Ordinal);
        }

        Assert.Contains("href=\"http://localhost/pl/lantern-advice\" hreflang=\"pl\" lang=\"pl\" dir=\"ltr\">Polski</a>", english, StringComparison.Ordinal);
        Assert.Contains("href=\"http://localhost/lantern-advice\" hreflang=\"en\" lang=\"en\" dir=\"ltr\">English</a>", polish, StringComparison.Ordinal);
        Assert.Contains("Polskie słowa o latarniach.", polish, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_translation_is_still_served_after_its_english_page_moves()
    {
        using var editor = await EditorAsync();
        using var visitor = _portal.Browser();
        var id = await CreateAsync(editor, "Tide tables", "tide-tables", "English tide words.");
        await TranslateAsync(editor, id, "pl", "Tabele pływów", "tide-tables", "Polskie słowa o pływach.");
        using var moved = await PortalFactory.PostFormAsync(editor, $"/admin/content/{id}/edit", $"/admin/content/{id}/edit", Page("Tide tables", "tide-times", "English tide words."));
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);

        var html = await ReadAsync(visitor, "/pl/tide-times");
        Assert.Contains("Polskie słowa o pływach.", html, StringComparison.Ordinal);
        Assert.DoesNotContain(TranslationNotices.NotTranslated("pl"), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_output_cache_keeps_each_language_apart()
    {
        using var editor = await EditorAsync();
        using var visitor = _portal.Browser();
        var id = await CreateAsync(editor, "Harbour guide", "harbour-guide", "English harbour words.");
        await TranslateAsync(editor, id, "pl", "Przewodnik po porcie", "harbour-guide", "Polskie słowa o porcie.");

        Assert.Contains("English harbour words.", await ReadAsync(visitor, "/harbour-guide"), StringComparison.Ordinal);
        Assert.Contains("Polskie słowa o porcie.", await ReadAsync(visitor, "/pl/harbour-guide"), StringComparison.Ordinal);
        await Task.Delay(1100);

        using var english = await visitor.GetAsync("/harbour-guide");
        using var polish = await visitor.GetAsync("/pl/harbour-guide");
        Assert.True(english.Headers.Age is { TotalSeconds: >= 1 } && polish.Headers.Age is { TotalSeconds: >= 1 }, "both pages should come from the cache");
        var englishHtml = WebUtility.HtmlDecode(await english.Content.ReadAsStringAsync());
        var polishHtml = WebUtility.HtmlDecode(await polish.Content.ReadAsStringAsync());
        Assert.Contains("English harbour words.", englishHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Polskie słowa o porcie.", englishHtml, StringComparison.Ordinal);
        Assert.Contains("Polskie słowa o porcie.", polishHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("English harbour words.", polishHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_translation_says_it_is_to_be_checked_until_staff_confirm_it_and_the_confirmation_is_audited()
    {
        using var editor = await EditorAsync();
        using var visitor = _portal.Browser();
        var id = await CreateAsync(editor, "Beacon help", "beacon-help", "English beacon words.");
        var translation = await TranslateAsync(editor, id, "pl", "Pomoc latarni", "beacon-help", "Polskie słowa o latarni.");

        var before = await ReadAsync(visitor, "/pl/beacon-help");
        Assert.Contains(ToBeCheckedPl, before, StringComparison.Ordinal);
        Assert.Contains(ToBeCheckedEn, before, StringComparison.Ordinal);

        using (var unticked = await PortalFactory.PostFormAsync(editor, $"/admin/content/{translation}/edit", $"/admin/content/{translation}/confirm-translation", new Dictionary<string, string>()))
        {
            Assert.Equal(HttpStatusCode.Redirect, unticked.StatusCode);
        }

        Assert.Contains(ToBeCheckedPl, await ReadAsync(visitor, "/pl/beacon-help"), StringComparison.Ordinal);

        using (var confirmed = await PortalFactory.PostFormAsync(editor, $"/admin/content/{translation}/edit", $"/admin/content/{translation}/confirm-translation", new Dictionary<string, string> { ["checked"] = "true" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        }

        var after = await ReadAsync(visitor, "/pl/beacon-help");
        Assert.Contains("Polskie słowa o latarni.", after, StringComparison.Ordinal);
        Assert.DoesNotContain(ToBeCheckedPl, after, StringComparison.Ordinal);
        Assert.DoesNotContain(ToBeCheckedEn, after, StringComparison.Ordinal);

        await using var scope = _portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "content.translation-confirmed" && a.SubjectId == translation && a.UserName == "editor-translations"));

        // New words after the check have not been checked: the notice comes back.
        using var changed = await PortalFactory.PostFormAsync(editor, $"/admin/content/{translation}/edit", $"/admin/content/{translation}/edit", Page("Pomoc latarni", "beacon-help", "Nowe polskie słowa."));
        Assert.Contains(ToBeCheckedPl, await ReadAsync(visitor, "/pl/beacon-help"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_content_list_can_show_only_pages_missing_a_translation_in_a_language()
    {
        using var editor = await EditorAsync();
        var id = await CreateAsync(editor, "Quillwort notes", "quillwort-notes", "English words.");
        await TranslateAsync(editor, id, "ar", "ملاحظات", "quillwort-notes", "كلمات عربية.");

        var missingPolish = await ReadAsync(editor, "/admin/content?missing=pl&q=Quillwort");
        var missingArabic = await ReadAsync(editor, "/admin/content?missing=ar&q=Quillwort");

        Assert.Contains("Quillwort notes", missingPolish, StringComparison.Ordinal);
        Assert.Contains("Translated into Arabic", missingPolish, StringComparison.Ordinal);
        Assert.DoesNotContain("Quillwort notes", missingArabic, StringComparison.Ordinal);
        Assert.DoesNotContain(">Domestic abuse</a>", await ReadAsync(editor, "/admin/content?missing=pl&q=Domestic"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_translation_shares_its_originals_address_but_two_items_cannot_share_an_address_in_one_language()
    {
        using var editor = await EditorAsync();
        var first = await CreateAsync(editor, "Ferry times", "ferry-times", "Words.");
        var second = await CreateAsync(editor, "Ferry fares", "ferry-fares", "Words.");
        await TranslateAsync(editor, first, "pl", "Rozkład promów", "ferry-times", "Słowa.");

        // A second Polish item at /pl/ferry-times (a translation of another page) is refused by the editor…
        string clash;
        using (var added = await PortalFactory.PostFormAsync(editor, $"/admin/content/{second}/edit", $"/admin/content/{second}/translations", new Dictionary<string, string> { ["culture"] = "pl" }))
        {
            clash = IdPattern().Match(added.Headers.Location!.ToString()).Groups[1].Value;
        }

        using var refused = await PortalFactory.PostFormAsync(editor, $"/admin/content/{clash}/edit", $"/admin/content/{clash}/edit", Page("Ceny promów", "ferry-times", "Słowa."));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("is already used by", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // …and by the database, whichever node publishes.
        await using var scope = _portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
        db.ContentItems.Add(new ContentItem { ContentItemId = ContentManager.NewId(), ContentType = "Page", Version = 1, Path = "ferry-times", Culture = "pl", Latest = true, Published = true });
        var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.True(PublishedPathIndex.IsClash(error));
    }

    [Fact]
    public async Task Polish_search_finds_the_polish_translation_and_english_search_does_not()
    {
        using var visitor = _portal.Browser();
        Assert.Contains("href=\"/pl/domestic-abuse\"", await ReadAsync(visitor, "/pl/search?q=przemoc"), StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/pl/domestic-abuse\"", await ReadAsync(visitor, "/search?q=przemoc"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_recipe_ships_six_published_translations_each_to_be_checked()
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var content = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var translations = await content.Query().Where(c => c.Published && c.Culture != "en").ToListAsync();
        var shipped = translations.Where(t => t.ContentItemId.StartsWith("page-", StringComparison.Ordinal)).ToList();

        Assert.Equal(
            ["ar domestic-abuse", "ar domestic-abuse/cover-your-tracks", "ar domestic-abuse/in-danger-now", "pl domestic-abuse", "pl domestic-abuse/cover-your-tracks", "pl domestic-abuse/in-danger-now"],
            shipped.Select(t => $"{t.Culture} {t.Path}").Order(StringComparer.Ordinal));
        Assert.All(shipped, t => Assert.False(t.As<LocalizationPart>().IsChecked));

        using var visitor = _portal.Browser();
        var arabic = await ReadAsync(visitor, "/ar/domestic-abuse/in-danger-now");
        Assert.Contains(TranslationNotices.ToBeChecked("ar"), arabic, StringComparison.Ordinal);
        Assert.Contains(ToBeCheckedEn, arabic, StringComparison.Ordinal);
    }

    [GeneratedRegex("/admin/content/([a-z0-9]+)/edit")]
    private static partial Regex IdPattern();

    [GeneratedRegex("<div class=\"app-content-language\"[^>]*>")]
    private static partial Regex ContentBlockPattern();
}
