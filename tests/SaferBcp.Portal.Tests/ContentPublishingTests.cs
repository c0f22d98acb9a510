using System.Net;
using System.Text.RegularExpressions;

namespace SaferBcp.Portal.Tests;

public sealed partial class ContentPublishingTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _portal;

    public ContentPublishingTests(PortalFactory portal) => _portal = portal;

    private async Task<HttpClient> EditorAsync()
    {
        await _portal.CreateStaffAsync("editor-content-test", "Editor");
        var client = _portal.Browser();
        await PortalFactory.SignInAsync(client, "editor-content-test", PortalFactory.StaffPassword);
        return client;
    }

    private static Dictionary<string, string> Page(string title, string path, string body, string submit = "publish") => new()
    {
        ["TitlePart.Title"] = title,
        ["AutoroutePart.Path"] = path,
        ["ArticlePart.Summary"] = "A page made by a test.",
        ["ArticlePart.Markdown"] = body,
        ["submit"] = submit,
    };

    private static async Task<string> CreateAsync(HttpClient client, Dictionary<string, string> fields)
    {
        using var response = await PortalFactory.PostFormAsync(client, "/admin/content/new/Page", "/admin/content/new/Page", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return IdPattern().Match(response.Headers.Location!.ToString()).Groups[1].Value;
    }

    [Fact]
    public async Task A_published_page_is_served_and_found_by_search_and_an_unpublished_one_is_gone_from_both()
    {
        using var editor = await EditorAsync();
        using var visitor = _portal.Browser();
        var id = await CreateAsync(editor, Page("Zephyrine guidance", "zephyrine-guidance", "Advice about zephyrines for residents."));

        var page = await visitor.GetStringAsync("/zephyrine-guidance");
        Assert.Contains("Zephyrine guidance", page, StringComparison.Ordinal);
        Assert.Contains("Zephyrine guidance", await visitor.GetStringAsync("/search?q=zephyrines"), StringComparison.Ordinal);

        using (var unpublish = await PortalFactory.PostFormAsync(editor, $"/admin/content/{id}/edit", $"/admin/content/{id}/unpublish", new Dictionary<string, string>()))
        {
            Assert.Equal(HttpStatusCode.Redirect, unpublish.StatusCode);
        }

        using var gone = await visitor.GetAsync("/zephyrine-guidance");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.DoesNotContain("Zephyrine guidance", await visitor.GetStringAsync("/search?q=zephyrines"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_draft_is_not_public_but_the_editor_can_preview_it()
    {
        using var editor = await EditorAsync();
        using var visitor = _portal.Browser();
        var id = await CreateAsync(editor, Page("Quokka draft", "quokka-draft", "Draft words.", submit: "save"));

        using var hidden = await visitor.GetAsync("/quokka-draft");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        using var preview = await editor.GetAsync($"/admin/content/{id}/preview");
        var html = await preview.Content.ReadAsStringAsync();
        Assert.Contains("Quokka draft", html, StringComparison.Ordinal);
        Assert.Contains("This is a preview", html, StringComparison.Ordinal);
        Assert.Contains("no-store", preview.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Quokka draft", await visitor.GetStringAsync("/search?q=quokka"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cached_page_shows_the_new_version_as_soon_as_it_is_published()
    {
        using var editor = await EditorAsync();
        using var visitor = _portal.Browser();
        var id = await CreateAsync(editor, Page("Cache check", "cache-check", "First words."));
        Assert.Contains("First words.", await visitor.GetStringAsync("/cache-check"), StringComparison.Ordinal);
        Assert.Contains("First words.", await visitor.GetStringAsync("/cache-check"), StringComparison.Ordinal);

        using var update = await PortalFactory.PostFormAsync(editor, $"/admin/content/{id}/edit", $"/admin/content/{id}/edit", Page("Cache check", "cache-check", "Second words."));
        Assert.Equal(HttpStatusCode.Redirect, update.StatusCode);

        Assert.Contains("Second words.", await visitor.GetStringAsync("/cache-check"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invented_query_string_is_served_from_the_same_cache_entry()
    {
        using var editor = await EditorAsync();
        using var visitor = _portal.Browser();
        await CreateAsync(editor, Page("Query cache", "query-cache", "Words."));
        using var first = await visitor.GetAsync("/query-cache");
        await Task.Delay(1100);
        using var second = await visitor.GetAsync("/query-cache?utm_source=" + Guid.NewGuid());

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.True(second.Headers.Age is { TotalSeconds: >= 1 }, "the second request was rendered again instead of coming from the cache");
    }

    [Fact]
    public async Task Changing_an_address_redirects_the_old_one_permanently()
    {
        using var editor = await EditorAsync();
        using var visitor = _portal.Browser();
        var id = await CreateAsync(editor, Page("Moving page", "moving-before", "Words."));
        using var update = await PortalFactory.PostFormAsync(editor, $"/admin/content/{id}/edit", $"/admin/content/{id}/edit", Page("Moving page", "moving-after", "Words."));

        using var old = await visitor.GetAsync("/moving-before");
        Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
        Assert.Equal("/moving-after", old.Headers.Location!.ToString());
    }

    [Fact]
    public async Task A_duplicate_address_is_shown_as_an_error_on_the_field_and_nothing_is_saved()
    {
        using var editor = await EditorAsync();
        using var response = await PortalFactory.PostFormAsync(editor, "/admin/content/new/Page", "/admin/content/new/Page", Page("Copy of about", "about", "Words.", submit: "save"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<title>Error:", html, StringComparison.Ordinal);
        Assert.Contains("govuk-error-summary", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#AutoroutePart-Path\"", html, StringComparison.Ordinal);
        Assert.Contains("is already used by", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Copy of about\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Copy of about", await editor.GetStringAsync("/admin/content?q=Copy"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Script_typed_into_a_page_never_reaches_visitors()
    {
        using var editor = await EditorAsync();
        using var visitor = _portal.Browser();
        await CreateAsync(editor, Page("Sanitised page", "sanitised-page", "Hello <script>alert('x')</script>\n\n[bad](javascript:alert(1))"));

        var html = await visitor.GetStringAsync("/sanitised-page");
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Hello", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_history_keeps_every_version_and_can_restore_one()
    {
        using var editor = await EditorAsync();
        var id = await CreateAsync(editor, Page("History page", "history-page", "Version one words."));
        using (await PortalFactory.PostFormAsync(editor, $"/admin/content/{id}/edit", $"/admin/content/{id}/edit", Page("History page", "history-page", "Version two words.")))
        {
        }

        var history = await editor.GetStringAsync($"/admin/content/{id}/versions");
        Assert.Contains("/versions/1/restore", history, StringComparison.Ordinal);
        using var restore = await PortalFactory.PostFormAsync(editor, $"/admin/content/{id}/versions", $"/admin/content/{id}/versions/1/restore", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, restore.StatusCode);
        var preview = await editor.GetStringAsync($"/admin/content/{id}/preview");
        Assert.Contains("Version one words.", preview, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Markdown_preview_uses_the_public_sanitiser()
    {
        using var editor = await EditorAsync();
        using var response = await PortalFactory.PostFormAsync(editor, "/admin/content/new/Page", "/admin/content/markdown-preview", new Dictionary<string, string> { ["markdown"] = "## Title\n\n<script>x()</script>" });
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h2 class=\"govuk-heading-l\">Title</h2>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Markdown_preview_after_the_session_has_ended_answers_401_with_a_plain_message_not_the_sign_in_page()
    {
        using var editor = await EditorAsync();
        var editorPage = await editor.GetStringAsync("/admin/content/new/Page");
        var token = PortalFactory.AntiforgeryToken(editorPage);
        using (var signedOut = await editor.PostAsync("/account/sign-out", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token })))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        }

        // The editor page is still open in her browser; its script asks for a preview with the page's token.
        using var response = await editor.PostAsync("/admin/content/markdown-preview", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["markdown"] = "## My unsaved words",
            ["__RequestVerificationToken"] = token,
        }));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal("Your session has ended; sign in again in another tab \u2014 your text is kept", body);
        Assert.DoesNotContain("Password", body, StringComparison.Ordinal);

        // Pages people open themselves still take them to the sign-in page.
        using var page = await editor.GetAsync("/admin/content");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/account/sign-in", page.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [GeneratedRegex("/admin/content/([a-z0-9]+)/")]
    private static partial Regex IdPattern();
}
