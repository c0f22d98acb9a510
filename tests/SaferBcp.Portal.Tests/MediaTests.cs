using Microsoft.Extensions.Logging.Testing;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SaferBcp.Cms.Data;
using SaferBcp.Media;
using SaferBcp.Media.Models;
using SaferBcp.Media.Services;

namespace SaferBcp.Portal.Tests;

/// <summary>
/// Two nodes of one site. On PostgreSQL the second has a data folder of its own, as in production. On SQLite the
/// database is the file {DataFolder}/portal.db, so a second node on the same database shares that folder too, and runs
/// without search, whose index in that folder only one process may write.
/// </summary>
public sealed class MediaNodes : IDisposable
{
    public MediaNodes()
    {
        First = new PortalFactory();
        _ = First.Services;
        Second = First.Provider == DatabaseProvider.Postgres
            ? PortalFactory.AnotherNode(First)
            : PortalFactory.Restarted(First).With("Modules:Disabled:0", "SaferBcp.Search");
        _ = Second.Services;
    }

    public PortalFactory First { get; }

    public PortalFactory Second { get; }

    public IEnumerable<string> DataFolders => new[] { First.DataFolder, Second.DataFolder }.Distinct();

    public void Dispose()
    {
        Second.Dispose();
        First.Dispose();
    }
}

/// <summary>Uploads live in the database: any node serves them, none writes them to its disk.</summary>
public sealed class MediaTests : IClassFixture<MediaNodes>
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
    private readonly MediaNodes _nodes;

    public MediaTests(MediaNodes nodes) => _nodes = nodes;

    /// <summary>The test image with bytes of its own after the end of the PNG, so each upload is a different file.</summary>
    private static byte[] UniquePng() => [.. Png, .. RandomNumberGenerator.GetBytes(16)];

    private async Task<HttpClient> EditorAsync()
    {
        await _nodes.First.CreateStaffAsync("media-editor", "Editor");
        var client = _nodes.First.Browser();
        await PortalFactory.SignInAsync(client, "media-editor", PortalFactory.StaffPassword);
        return client;
    }

    /// <summary>Uploads through the media library's form on the first node and returns what was stored.</summary>
    private async Task<MediaFile> UploadAsync(HttpClient editor, byte[] bytes, string fileName, string description)
    {
        var token = PortalFactory.AntiforgeryToken(await editor.GetStringAsync("/admin/media"));
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(file, "file", fileName);
        content.Add(new StringContent(description), "description");
        content.Add(new StringContent(token), "__RequestVerificationToken");
        using var response = await editor.PostAsync("/admin/media", content);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        await using var scope = _nodes.First.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MediaDbContext>().Files.AsNoTracking().SingleAsync(f => f.Description == description);
    }

    private static async Task<HttpResponseMessage> GetAsync(PortalFactory node, string url, EntityTagHeaderValue? ifNoneMatch = null)
    {
        using var visitor = node.Browser();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (ifNoneMatch is not null)
        {
            request.Headers.IfNoneMatch.Add(ifNoneMatch);
        }

        return await visitor.SendAsync(request);
    }

    [Fact]
    public async Task An_image_uploaded_on_one_node_is_served_by_another_and_written_to_no_disk()
    {
        using var editor = await EditorAsync();
        var bytes = UniquePng();
        var stored = await UploadAsync(editor, bytes, "pier-at-sunset.png", "A pier at sunset, uploaded on node 1");

        using var served = await GetAsync(_nodes.Second, stored.Url);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(bytes, await served.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", served.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("default-src 'none'; sandbox", served.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Null(served.Content.Headers.ContentDisposition);

        var storedName = Path.GetFileName(stored.Url);
        foreach (var folder in _nodes.DataFolders)
        {
            Assert.False(Directory.Exists(Path.Combine(folder, "media")), $"{folder} has a media folder");
            foreach (var path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            {
                Assert.DoesNotContain(storedName, path, StringComparison.Ordinal);
                Assert.False(new FileInfo(path).Length == bytes.Length && (await File.ReadAllBytesAsync(path)).SequenceEqual(bytes), $"{path} holds the image");
            }
        }
    }

    [Fact]
    public async Task Every_node_tags_a_file_with_its_content_hash_and_answers_304_when_the_browser_has_it()
    {
        using var editor = await EditorAsync();
        var bytes = UniquePng();
        var stored = await UploadAsync(editor, bytes, "lighthouse.png", "A lighthouse, to be revalidated");

        using var first = await GetAsync(_nodes.First, stored.Url);
        var etag = first.Headers.ETag!;
        Assert.False(etag.IsWeak);
        Assert.Equal($"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))}\"", etag.Tag);
        Assert.Equal("public, max-age=600", first.Headers.CacheControl!.ToString());

        foreach (var node in new[] { _nodes.First, _nodes.Second })
        {
            using var revalidated = await GetAsync(node, stored.Url, etag);
            Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
            Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync());
            Assert.Equal(etag, revalidated.Headers.ETag);
            Assert.Equal("public, max-age=600", revalidated.Headers.CacheControl!.ToString());
        }

        using var changed = await GetAsync(_nodes.Second, stored.Url, new EntityTagHeaderValue("\"something-else\""));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(bytes, await changed.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_deleted_file_is_gone_from_every_node_with_its_bytes()
    {
        using var editor = await EditorAsync();
        var stored = await UploadAsync(editor, UniquePng(), "old-poster.png", "An old poster, to be deleted");
        using (var before = await GetAsync(_nodes.Second, stored.Url))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var etag = new EntityTagHeaderValue($"\"{stored.Sha256}\"");
        using var deleted = await PortalFactory.PostFormAsync(editor, "/admin/media", $"/admin/media/{stored.Id}/delete", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);

        foreach (var node in new[] { _nodes.First, _nodes.Second })
        {
            using var gone = await GetAsync(node, stored.Url);
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
            using var revalidated = await GetAsync(node, stored.Url, etag);
            Assert.Equal(HttpStatusCode.NotFound, revalidated.StatusCode);
        }

        await using var scope = _nodes.First.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<MediaDbContext>().Blobs.AnyAsync(b => b.MediaFileId == stored.Id));
    }

    [Fact]
    public async Task A_pdf_is_served_as_a_sandboxed_download()
    {
        using var editor = await EditorAsync();
        byte[] pdf = [.. "%PDF-1.4\n% a leaflet\n"u8, .. RandomNumberGenerator.GetBytes(16)];
        var stored = await UploadAsync(editor, pdf, "Night-time safety leaflet.pdf", "Night-time safety leaflet (PDF)");

        using var served = await GetAsync(_nodes.Second, stored.Url);
        Assert.Equal(pdf, await served.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", served.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("Night-time safety leaflet.pdf", served.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Equal("default-src 'none'; sandbox", served.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Files_uploaded_before_media_moved_into_the_database_are_imported_once_at_start()
    {
        // An install from before: two files described in the database, only one of them still on the node's disk.
        const string kept = "/media/2025/03/harbour.png";
        const string missing = "/media/2025/03/lost.png";
        var bytes = UniquePng();
        var log = new FakeLogCollector();
        PortalFactory upgraded;
        string oldFile;
        using (var old = new PortalFactory())
        {
            await using (var scope = old.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<MediaDbContext>();
                foreach (var url in new[] { kept, missing })
                {
                    db.Files.Add(new MediaFile { Url = url, OriginalName = Path.GetFileName(url), ContentType = "image/png", Length = bytes.Length, Description = "Harbour", UploadedUtc = DateTime.UtcNow });
                }

                await db.SaveChangesAsync();
            }

            oldFile = Path.Combine(old.DataFolder, "media", "2025", "03", "harbour.png");
            Directory.CreateDirectory(Path.GetDirectoryName(oldFile)!);
            await File.WriteAllBytesAsync(oldFile, bytes);
            upgraded = PortalFactory.Restarted(old).WithServices(services => services.AddSingleton<ILoggerProvider>(new FakeLoggerProvider(log)));
        }

        using (upgraded)
        {
            _ = upgraded.Services;
            File.Delete(oldFile);

            using var served = await GetAsync(upgraded, kept);
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.Equal(bytes, await served.Content.ReadAsByteArrayAsync());
            Assert.Equal("image/png", served.Content.Headers.ContentType!.MediaType);
            using var lost = await GetAsync(upgraded, missing);
            Assert.Equal(HttpStatusCode.NotFound, lost.StatusCode);
            Assert.Contains(log.GetSnapshot(), r => r.Level >= LogLevel.Warning && r.Message.Contains(missing, StringComparison.Ordinal));

            var importer = upgraded.Services.GetServices<IHostedService>().OfType<LegacyMediaImporter>().Single();
            Assert.Equal(0, await importer.ImportAsync(default));
        }
    }
}
