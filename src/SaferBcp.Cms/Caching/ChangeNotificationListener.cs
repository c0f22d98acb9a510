using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using SaferBcp.Cms.Data;

namespace SaferBcp.Cms.Caching;

/// <summary>
/// On PostgreSQL, listens for other nodes' <see cref="ChangeAnnouncer"/> notifications on a connection of its own and
/// clears this node's caches for each, typically within milliseconds of the other node's commit. If the connection
/// drops, notifications sent meanwhile are lost, so on reconnecting it clears everything once; the content change log
/// (<see cref="ChangeLogCacheInvalidator"/>) and the caches' own short lifetimes remain the backstop.
/// </summary>
public sealed class ChangeNotificationListener : BackgroundService
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);
    private readonly PortalOptions _options;
    private readonly LocalCaches _caches;
    private readonly ILogger<ChangeNotificationListener> _logger;

    public ChangeNotificationListener(IOptions<PortalOptions> options, LocalCaches caches, ILogger<ChangeNotificationListener> logger)
    {
        _options = options.Value;
        _caches = caches;
        _logger = logger;
    }

    /// <summary>True once the first LISTEN is in place (tests wait for it).</summary>
    public bool Listening { get; private set; }

    public static string Payload(string instanceId, string topic) => instanceId + "|" + topic;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.DatabaseProvider != DatabaseProvider.Postgres)
        {
            return;
        }

        var connected = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(clearFirst: connected, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested && ex is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
            {
                _logger.LogWarning("Lost the database connection that carries other nodes' changes ({Reason}); reconnecting", ex.Message);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            connected = true;
            Listening = false;
            try
            {
                await Task.Delay(RetryAfter, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ListenAsync(bool clearFirst, CancellationToken stoppingToken)
    {
        var received = new List<string>();
        var builder = new NpgsqlConnectionStringBuilder(_options.ConnectionString) { KeepAlive = 10, Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        connection.Notification += (_, e) =>
        {
            lock (received)
            {
                received.Add(e.Payload);
            }
        };
        await connection.OpenAsync(stoppingToken);
        await using (var listen = new NpgsqlCommand("LISTEN " + ChangeAnnouncer.Channel, connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        Listening = true;
        if (clearFirst)
        {
            await _caches.ClearAllAsync(stoppingToken);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            await connection.WaitAsync(stoppingToken);
            string[] payloads;
            lock (received)
            {
                payloads = [.. received];
                received.Clear();
            }

            foreach (var topic in payloads.Select(TopicFromOtherNode).OfType<string>().Distinct(StringComparer.Ordinal))
            {
                await _caches.ClearAsync(topic, stoppingToken);
            }
        }
    }

    /// <summary>The topic of another node's announcement; null for this node's own, already cleared after its commit.</summary>
    private string? TopicFromOtherNode(string payload)
    {
        var separator = payload.IndexOf('|', StringComparison.Ordinal);
        return separator > 0 && payload[..separator] != _caches.InstanceId ? payload[(separator + 1)..] : null;
    }
}
