using System.Net;
using System.Net.Http.Headers;
using Microsoft.Data.Sqlite;

namespace SaferBcp.Portal.Tests;

public sealed class BackOfficeTests : IClassFixture<PortalFactory>
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
    private readonly PortalFactory _portal;

    public BackOfficeTests(PortalFactory portal) => _portal = portal.With("Media:MaxUploadBytes", "20000");

    private async Task<HttpClient> AdminAsync()
    {
        var client = _portal.Browser();
        await PortalFactory.SignInAsync(client, PortalFactory.AdminUser, PortalFactory.AdminPassword);
        return client;
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string action, string field, byte[] bytes, string fileName, params (string Name, string Value)[] fields)
    {
        var token = PortalFactory.AntiforgeryToken(await client.GetStringAsync(action.StartsWith("/admin/media", StringComparison.Ordinal) ? "/admin/media" : "/admin/recipes"));
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(file, field, fileName);
        content.Add(new StringContent(token), "__RequestVerificationToken");
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        return await client.PostAsync(action, content);
    }

    [Fact]
    public async Task An_image_with_alt_text_is_stored_and_served_with_its_real_type()
    {
        using var admin = await AdminAsync();
        using var response = await UploadAsync(admin, "/admin/media", "file", Png, "photo.jpg", ("description", "A pier at sunset"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var library = await admin.GetStringAsync("/admin/media");
        var url = System.Text.RegularExpressions.Regex.Match(library, "<code>(/media/[^<]+\\.png)</code>").Groups[1].Value;
        using var visitor = _portal.Browser();
        using var served = await visitor.GetAsync(url);
        Assert.Equal("image/png", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", served.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Theory]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>", "logo.png", "SVG images are not accepted")]
    [InlineData("MZ\u0090\u0000 this is a program", "leaflet.pdf", "must be a PNG, JPEG, GIF or WebP image, or a PDF")]
    public async Task A_wrong_type_is_refused_whatever_its_name_and_nothing_is_stored(string body, string fileName, string message)
    {
        using var admin = await AdminAsync();
        var before = await admin.GetStringAsync("/admin/media");
        using var response = await UploadAsync(admin, "/admin/media", "file", System.Text.Encoding.UTF8.GetBytes(body), fileName, ("description", "Something"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, html, StringComparison.Ordinal);
        Assert.Equal(CountFiles(before), CountFiles(html));
    }

    [Fact]
    public async Task An_oversized_file_gets_a_clear_message()
    {
        using var admin = await AdminAsync();
        var big = new byte[30_000];
        Png.CopyTo(big, 0);
        using var response = await UploadAsync(admin, "/admin/media", "file", big, "big.png", ("description", "Big"));
        Assert.Contains("The selected file must be smaller than", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_image_without_alt_text_is_refused()
    {
        using var admin = await AdminAsync();
        using var response = await UploadAsync(admin, "/admin/media", "file", Png, "pier.png", ("description", " "));
        Assert.Contains("Enter alternative text", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recipe_that_fails_halfway_names_the_step_and_field_and_changes_nothing()
    {
        using var admin = await AdminAsync();
        const string recipe = """
            { "steps": [
              { "name": "settings", "settings": { "SiteName": "Hijacked" } },
              { "name": "content", "items": [ { "contentItemId": "dupe", "contentType": "Page", "published": true,
                "parts": { "TitlePart": { "title": "Dupe" }, "AutoroutePart": { "path": "about" }, "ArticlePart": { "summary": "x", "markdown": "x" } } } ] }
            ] }
            """;
        using var response = await UploadAsync(admin, "/admin/recipes/import", "recipe", System.Text.Encoding.UTF8.GetBytes(recipe), "bad.recipe.json");
        var html = System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Nothing was imported", html, StringComparison.Ordinal);
        Assert.Contains("Step 2 (\"content\"), field \"items[0].parts.AutoroutePart.Path\"", html, StringComparison.Ordinal);
        using var visitor = _portal.Browser();
        Assert.DoesNotContain("Hijacked", await visitor.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_site_exports_as_a_recipe_that_imports_back_without_changes()
    {
        using var admin = await AdminAsync();
        var exported = await admin.GetByteArrayAsync("/admin/recipes/export");
        using var response = await UploadAsync(admin, "/admin/recipes/import", "recipe", exported, "export.recipe.json");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await admin.GetStringAsync("/admin/recipes");
        Assert.Contains("Nothing needed to change", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_menu_link_appears_on_public_pages()
    {
        using var admin = await AdminAsync();
        var form = await admin.GetStringAsync("/admin/menus/footer");
        var texts = System.Text.RegularExpressions.Regex.Matches(form, "name=\"text\" value=\"([^\"]*)\"").Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        var urls = System.Text.RegularExpressions.Regex.Matches(form, "name=\"url\" value=\"([^\"]*)\"").Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        var fields = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", PortalFactory.AntiforgeryToken(form)) };
        fields.AddRange(texts.Select(t => new KeyValuePair<string, string>("text", t.Length == 0 ? "" : t)));
        fields.AddRange(urls.Select(u => new KeyValuePair<string, string>("url", u)));
        var blank = texts.IndexOf("");
        fields[1 + blank] = new("text", "Sitemap test link");
        fields[1 + texts.Count + blank] = new("url", "/news");
        using var response = await admin.PostAsync("/admin/menus/footer", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        using var visitor = _portal.Browser();
        Assert.Contains("Sitemap test link", await visitor.GetStringAsync("/about"), StringComparison.Ordinal);
    }

    private static int CountFiles(string html) => System.Text.RegularExpressions.Regex.Count(html, "<code>/media/");
}
