using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using SaferBcp.Cms;
using SaferBcp.Cms.Data;
using SaferBcp.Email.Models;
using SaferBcp.Email.Services;

namespace SaferBcp.Email.Tests;

/// <summary>The kernel and the Email module over a real SQLite file in a fresh folder, on a fake clock.</summary>
public sealed class EmailHarness : IAsyncDisposable
{
    private readonly ServiceProvider _root;

    private EmailHarness(ServiceProvider root, string folder, FakeTimeProvider clock)
    {
        _root = root;
        Folder = folder;
        Clock = clock;
    }

    public string Folder { get; }

    public FakeTimeProvider Clock { get; }

    public IServiceProvider Services => _root;

    public string DatabaseFile => Path.Combine(Folder, "portal.db");

    public static async Task<EmailHarness> CreateAsync(IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? configure = null, string? folder = null)
    {
        folder ??= Path.Combine(Path.GetTempPath(), "saferbcp-email-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(folder);
        var values = new Dictionary<string, string?>
        {
            ["Portal:DataFolder"] = folder,
            ["Portal:NodeId"] = "test-node",
            ["Portal:PublicAddress"] = "http://localhost",
            ["Email:BackoffBase"] = "00:01:00",
            ["Email:BackoffMax"] = "00:10:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        var environment = new TestEnvironment(folder);
        services.AddSingleton<IHostEnvironment>(environment);
        services.AddSingleton<IWebHostEnvironment>(environment);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        services.AddSingleton<TimeProvider>(clock);
        foreach (var module in new Cms.Modules.ModuleStartup[] { new CmsStartup(), new Startup() })
        {
            foreach (var permission in module.Permissions)
            {
                services.AddSingleton(permission);
            }

            module.ConfigureServices(services, configuration);
        }

        configure?.Invoke(services);
        var root = services.BuildServiceProvider();
        await using (var scope = root.CreateAsyncScope())
        {
            await PortalInitializer.MigrateAsync(scope.ServiceProvider);
        }

        return new EmailHarness(root, folder, clock);
    }

    public AsyncServiceScope Scope() => _root.CreateAsyncScope();

    public async Task EnqueueAsync(params EmailMessage[] messages)
    {
        await using var scope = Scope();
        var outbox = scope.ServiceProvider.GetRequiredService<IEmailOutbox>();
        foreach (var message in messages)
        {
            await outbox.EnqueueAsync(message);
        }
    }

    /// <summary>Runs one batch of the sender, as its background loop would.</summary>
    public async Task<int> DispatchAsync(CancellationToken stopping = default)
    {
        await using var scope = Scope();
        return await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().RunOnceAsync(stopping);
    }

    public async Task<List<OutboxMessage>> RowsAsync()
    {
        await using var scope = Scope();
        return await scope.ServiceProvider.GetRequiredService<EmailDbContext>().OutboxMessages.AsNoTracking().OrderBy(m => m.CreatedUtc).ToListAsync();
    }

    /// <summary>A new background sender on these services, as a restarted node would have.</summary>
    public OutboxSender NewSender() => ActivatorUtilities.CreateInstance<OutboxSender>(_root);

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
        }
    }

    public static EmailMessage Message(int n, string to = "team@example.org") =>
        new(to, $"Referral {n}", $"Body of message {n}", "test-notification");

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

        public string ApplicationName { get; set; } = "SaferBcp.Email.Tests";

        public string ContentRootPath { get; set; }

        public IFileProvider ContentRootFileProvider { get; set; }

        public string WebRootPath { get; set; }

        public IFileProvider WebRootFileProvider { get; set; }
    }
}
