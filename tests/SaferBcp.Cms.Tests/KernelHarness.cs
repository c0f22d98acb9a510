using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using SaferBcp.Cms;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Data;

namespace SaferBcp.Cms.Tests;

/// <summary>
/// The kernel's services over a real SQLite file in a fresh temporary folder, with a fake clock.
/// Declares one routable test content type, "Article" (TitlePart + AutoroutePart).
/// </summary>
public sealed class KernelHarness : IAsyncDisposable
{
    private readonly ServiceProvider _root;

    private KernelHarness(ServiceProvider root, string folder, FakeTimeProvider clock)
    {
        _root = root;
        Folder = folder;
        Clock = clock;
    }

    public string Folder { get; }

    public FakeTimeProvider Clock { get; }

    public string DatabaseFile => Path.Combine(Folder, "portal.db");

    public static async Task<KernelHarness> CreateAsync(Action<IServiceCollection>? configure = null, DateTimeOffset? start = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "saferbcp-kernel-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(folder);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Portal:DataFolder"] = folder,
            ["Portal:NodeId"] = "test-node",
            ["Portal:PublicAddress"] = "http://localhost",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        var environment = new TestEnvironment(folder);
        services.AddSingleton<IHostEnvironment>(environment);
        services.AddSingleton<IWebHostEnvironment>(environment);
        var clock = new FakeTimeProvider(start ?? new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        services.AddSingleton<TimeProvider>(clock);
        var kernel = new CmsStartup();
        foreach (var permission in kernel.Permissions)
        {
            services.AddSingleton(permission);
        }

        kernel.ConfigureServices(services, configuration);
        services.AddSingleton(new ContentTypeDefinition("Article", "Article", "A test type"));
        configure?.Invoke(services);
        var root = services.BuildServiceProvider();
        await using (var scope = root.CreateAsyncScope())
        {
            await PortalInitializer.MigrateAsync(scope.ServiceProvider);
        }

        return new KernelHarness(root, folder, clock);
    }

    public AsyncServiceScope Scope() => _root.CreateAsyncScope();

    public static ContentItem Article(string id, string title, string path) =>
        new ContentItem { ContentItemId = id, ContentType = "Article" }
            .Apply(new TitlePart { Title = title })
            .Apply(new AutoroutePart { Path = path });

    public async ValueTask DisposeAsync()
    {
        await _root.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the OS is left for the temp cleaner.
        }
    }

    private sealed class TestEnvironment : IWebHostEnvironment
    {
        public TestEnvironment(string root)
        {
            ContentRootPath = root;
            WebRootPath = root;
            ContentRootFileProvider = new NullFileProvider();
            WebRootFileProvider = new NullFileProvider();
        }

        public string EnvironmentName { get; set; } = "Testing";

        public string ApplicationName { get; set; } = "SaferBcp.Cms.Tests";

        public string ContentRootPath { get; set; }

        public IFileProvider ContentRootFileProvider { get; set; }

        public string WebRootPath { get; set; }

        public IFileProvider WebRootFileProvider { get; set; }
    }
}
