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
    private readonly bool _ownsFolder;

    private KernelHarness(ServiceProvider root, string folder, FakeTimeProvider clock, bool ownsFolder)
    {
        _root = root;
        Folder = folder;
        Clock = clock;
        _ownsFolder = ownsFolder;
    }

    public string Folder { get; }

    public FakeTimeProvider Clock { get; }

    public string DatabaseFile => Path.Combine(Folder, "portal.db");

    /// <summary>The kernel on a new database; <paramref name="clock"/>, if given, instead of one starting at <paramref name="start"/>.</summary>
    public static Task<KernelHarness> CreateAsync(Action<IServiceCollection>? configure = null, DateTimeOffset? start = null, FakeTimeProvider? clock = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "saferbcp-kernel-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(folder);
        return StartAsync(folder, "test-node", clock ?? new FakeTimeProvider(start ?? new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero)), configure, ownsFolder: true);
    }

    /// <summary>A second node: the same database file and clock, its own services and Portal:NodeId. Dispose it before <paramref name="first"/>.</summary>
    public static Task<KernelHarness> AnotherNodeAsync(KernelHarness first, string nodeId, Action<IServiceCollection>? configure = null) =>
        StartAsync(first.Folder, nodeId, first.Clock, configure, ownsFolder: false);

    private static async Task<KernelHarness> StartAsync(string folder, string nodeId, FakeTimeProvider clock, Action<IServiceCollection>? configure, bool ownsFolder)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Portal:DataFolder"] = folder,
            ["Portal:NodeId"] = nodeId,
            ["Portal:PublicAddress"] = "http://localhost",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        var environment = new TestEnvironment(folder);
        services.AddSingleton<IHostEnvironment>(environment);
        services.AddSingleton<IWebHostEnvironment>(environment);
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

        return new KernelHarness(root, folder, clock, ownsFolder);
    }

    public AsyncServiceScope Scope() => _root.CreateAsyncScope();

    /// <summary>What a hosted job of this node is given.</summary>
    public IServiceScopeFactory Scopes => _root.GetRequiredService<IServiceScopeFactory>();

    public static ContentItem Article(string id, string title, string path) =>
        new ContentItem { ContentItemId = id, ContentType = "Article" }
            .Apply(new TitlePart { Title = title })
            .Apply(new AutoroutePart { Path = path });

    public async ValueTask DisposeAsync()
    {
        await _root.DisposeAsync();
        if (!_ownsFolder)
        {
            return;
        }

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
