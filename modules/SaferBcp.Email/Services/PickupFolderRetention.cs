using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SaferBcp.Cms.Background;
using SaferBcp.Cms.Data;

namespace SaferBcp.Email.Services;

/// <summary>
/// Deletes .eml files in the pickup folder older than Email:KeepSentFor. A pickup file is the whole message in
/// plaintext (a victim's safe address, a referral summary), so it must not outlive the sent record it stands for.
/// Also run after a switch to SMTP, to clear what Pickup mode left behind.
/// </summary>
public sealed class PickupFolderRetention
{
    private readonly string _folder;
    private readonly EmailOptions _options;
    private readonly TimeProvider _clock;

    public PickupFolderRetention(IOptions<EmailOptions> options, PortalDataPaths paths, TimeProvider clock)
    {
        _options = options.Value;
        _folder = PickupFolderTransport.FolderFor(_options, paths);
        _clock = clock;
    }

    public int DeleteExpired()
    {
        if (!Directory.Exists(_folder))
        {
            return 0;
        }

        var before = (_clock.GetUtcNow() - _options.KeepSentFor).UtcDateTime;
        var deleted = 0;
        foreach (var file in new DirectoryInfo(_folder).EnumerateFiles("*.eml*", new EnumerationOptions { AttributesToSkip = 0 }))
        {
            if (file.LastWriteTimeUtc < before)
            {
                file.Delete();
                deleted++;
            }
        }

        return deleted;
    }
}

/// <summary>
/// Runs <see cref="PickupFolderRetention"/> every hour on each node (each writes its own folder), and says at start,
/// outside Development, that Pickup mode is for development only.
/// </summary>
public sealed class PickupFolderCleanupJob : PeriodicJob
{
    private readonly EmailOptions _options;
    private readonly IHostEnvironment _environment;

    public PickupFolderCleanupJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<PickupFolderCleanupJob> logger, IOptions<EmailOptions> options, IHostEnvironment environment)
        : base(scopes, clock, logger)
    {
        _options = options.Value;
        _environment = environment;
    }

    protected override string Name => "Deleting old pickup files";

    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override bool OneNodeAtATime => false;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.Mode == EmailDeliveryMode.Pickup && !_environment.IsDevelopment())
        {
            Logger.LogWarning(
                "Email:Mode is Pickup, which is for development only: no email leaves this server, and each one is written in plaintext to the pickup folder (deleted after Email:KeepSentFor, {KeepSentFor}). Set Email:Mode to Smtp and Email:Smtp:Host for a live site",
                _options.KeepSentFor);
        }

        return base.StartAsync(cancellationToken);
    }

    protected override Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var deleted = services.GetRequiredService<PickupFolderRetention>().DeleteExpired();
        if (deleted > 0)
        {
            Logger.LogInformation("Deleted {Count} pickup file(s) older than Email:KeepSentFor", deleted);
        }

        return Task.CompletedTask;
    }
}
