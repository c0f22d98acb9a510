using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using SaferBcp.Cms;

namespace SaferBcp.Portal.Tests;

/// <summary>What a first visit costs: compressed pages and assets, fingerprinted asset URLs cached a year.</summary>
public sealed partial class PageWeightTests : IClassFixture<PortalFactory>
{
    private const string Year = "max-age=31536000";
    private readonly PortalFactory _portal;

    public PageWeightTests(PortalFactory portal) => _portal = portal;

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task The_home_page_its_css_and_js_come_compressed_and_decode_to_the_same_bytes_but_never_the_back_office(string encoding)
    {
        using var client = _portal.Browser();
        foreach (var url in await HomePageAndItsAssetsAsync(client))
        {
            var plain = await GetAsync(client, url, acceptEncoding: null);
            var compressed = await GetAsync(client, url, encoding);

            Assert.Equal(encoding, compressed.ContentEncoding);
            Assert.Contains("Accept-Encoding", compressed.Vary, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(plain.ContentType, compressed.ContentType);
            Assert.True(compressed.Body.Length < plain.Body.Length, $"{url}: {compressed.Body.Length} bytes with {encoding}, {plain.Body.Length} without");
            Assert.Equal(plain.Body, Decode(encoding, compressed.Body));
            Assert.Null(plain.ContentEncoding);
        }

        // Personal data and secrets next to text others wrote: no compression, so no BREACH (PortalResponseCompression).
        var signIn = await GetAsync(client, "/account/sign-in", encoding);
        Assert.Equal(HttpStatusCode.OK, signIn.Status);
        Assert.Contains("<form", System.Text.Encoding.UTF8.GetString(signIn.Body), StringComparison.Ordinal);
        Assert.Null(signIn.ContentEncoding);
    }

    [Fact]
    public async Task A_cached_page_is_kept_per_encoding_so_each_browser_gets_one_it_can_read()
    {
        using var client = _portal.Browser();
        var brotli = await GetAsync(client, "/about", "br");
        var gzip = await GetAsync(client, "/about", "gzip");
        var plain = await GetAsync(client, "/about", acceptEncoding: null);
        var brotliAgain = await GetAsync(client, "/about", "br");

        Assert.Equal("br", brotli.ContentEncoding);
        Assert.Equal("gzip", gzip.ContentEncoding);
        Assert.Null(plain.ContentEncoding);
        Assert.Equal("br", brotliAgain.ContentEncoding);
        Assert.Equal(plain.Body, Decode("gzip", gzip.Body));
        Assert.Equal(plain.Body, Decode("br", brotliAgain.Body));
    }

    [Fact]
    public async Task Css_and_js_links_are_fingerprinted_and_cached_a_year_plain_urls_an_hour()
    {
        using var client = _portal.Browser();
        var assets = (await HomePageAndItsAssetsAsync(client)).Skip(1).ToList();

        Assert.Contains(assets, url => url.StartsWith("/assets/css/saferbcp.css?v=", StringComparison.Ordinal));
        Assert.Contains(assets, url => url.StartsWith("/assets/js/init.mjs?v=", StringComparison.Ordinal));
        Assert.Contains(assets, url => url.StartsWith("/assets/js/govuk-frontend.min.js?v=", StringComparison.Ordinal));
        foreach (var url in assets)
        {
            foreach (var encoding in new[] { "br", null })
            {
                var response = await GetAsync(client, url, encoding);
                Assert.Equal(HttpStatusCode.OK, response.Status);
                Assert.Contains(Year, response.CacheControl, StringComparison.Ordinal);
                Assert.Contains("immutable", response.CacheControl, StringComparison.Ordinal);
            }

            var unversioned = await GetAsync(client, url[..url.IndexOf('?', StringComparison.Ordinal)], "br");
            Assert.Equal(HttpStatusCode.OK, unversioned.Status);
            Assert.Equal("public, max-age=3600", unversioned.CacheControl);
        }
    }

    [Fact]
    public async Task A_changed_file_gets_a_new_url_and_its_old_url_is_no_longer_cached_a_year()
    {
        var folder = Directory.CreateTempSubdirectory("saferbcp-assets-").FullName;
        var file = Path.Combine(folder, "site.css");
        await File.WriteAllTextAsync(file, "body { color: #0b0c0c; }");
        await using var portal = new PortalFactory().WithServices(s => s.AddSingleton(new StaticAssetFolder("/changing-assets", new PhysicalFileProvider(folder))));
        using var client = portal.Browser();
        var fingerprints = portal.Services.GetRequiredService<IFileVersionProvider>();

        var before = fingerprints.AddFileVersionToPath("", "/changing-assets/site.css");
        Assert.Contains(Year, (await GetAsync(client, before, "br")).CacheControl, StringComparison.Ordinal);
        await File.WriteAllTextAsync(file, "body { color: #00625e; margin: 0; }");
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(1));
        var after = fingerprints.AddFileVersionToPath("", "/changing-assets/site.css");

        Assert.StartsWith("/changing-assets/site.css?v=", before, StringComparison.Ordinal);
        Assert.NotEqual(before, after);
        var fresh = await GetAsync(client, after, "br");
        Assert.Contains(Year, fresh.CacheControl, StringComparison.Ordinal);
        Assert.Equal("body { color: #00625e; margin: 0; }", System.Text.Encoding.UTF8.GetString(Decode("br", fresh.Body)));
        Assert.Equal("public, max-age=3600", (await GetAsync(client, before, "br")).CacheControl);
    }

    [Fact]
    public async Task A_first_visit_to_the_home_page_transfers_at_most_60_KB()
    {
        using var client = _portal.Browser();
        var total = 0;
        foreach (var url in await HomePageAndItsAssetsAsync(client))
        {
            total += (await GetAsync(client, url, "br")).Body.Length;
        }

        Assert.True(total <= 60 * 1024, $"The home page with its CSS and JS is {total} bytes with Brotli.");
    }

    /// <summary>"/", then the stylesheets and scripts it links to, then the modules those scripts import.</summary>
    private static async Task<List<string>> HomePageAndItsAssetsAsync(HttpClient client)
    {
        var html = System.Text.Encoding.UTF8.GetString((await GetAsync(client, "/", acceptEncoding: null)).Body);
        var urls = new List<string> { "/" };
        urls.AddRange(StylesheetOrScript().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups["url"].Value)));
        foreach (var script in urls.Where(u => u.Contains(".mjs", StringComparison.Ordinal)).ToList())
        {
            var source = System.Text.Encoding.UTF8.GetString((await GetAsync(client, script, acceptEncoding: null)).Body);
            var folder = script[..(script.LastIndexOf('/') + 1)];
            urls.AddRange(RelativeImport().Matches(source).Select(m => folder + m.Groups["file"].Value));
        }

        return urls;
    }

    private static async Task<Fetched> GetAsync(HttpClient client, string url, string? acceptEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }

        using var response = await client.SendAsync(request);
        return new Fetched(
            response.StatusCode,
            await response.Content.ReadAsByteArrayAsync(),
            response.Content.Headers.ContentEncoding.SingleOrDefault(),
            response.Content.Headers.ContentType?.MediaType,
            string.Join(",", response.Headers.Vary),
            response.Headers.CacheControl?.ToString() ?? "");
    }

    private static byte[] Decode(string encoding, byte[] body)
    {
        using var input = new MemoryStream(body);
        using Stream decoder = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }

    private sealed record Fetched(HttpStatusCode Status, byte[] Body, string? ContentEncoding, string? ContentType, string Vary, string CacheControl);

    [GeneratedRegex(@"<(?:link rel=""stylesheet"" href|script type=""module"" src)=""(?<url>/assets/[^""]+)""")]
    private static partial Regex StylesheetOrScript();

    [GeneratedRegex("""from\s*['"]\./(?<file>[^'"]+)['"]""")]
    private static partial Regex RelativeImport();
}
