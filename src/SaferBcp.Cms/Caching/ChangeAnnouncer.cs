using Npgsql;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Data;

namespace SaferBcp.Cms.Caching;

/// <summary>
/// Says that something the public sees has changed, once the change is saved: this node's caches are cleared after the
/// unit of work commits (never before, or a request in between could cache the old page again), and on PostgreSQL every
/// other node is told through NOTIFY, which PostgreSQL itself delivers only if and when the transaction commits.
/// Changes other than content (whose publishes are logged by ContentManager) are also written to the content change log,
/// the backstop every node reads each second (<see cref="ChangeLogCacheInvalidator"/>) in case a notification is missed.
/// Call it inside the transaction that makes the change; outside one, call it after saving.
/// </summary>
public sealed class ChangeAnnouncer
{
    public const string Channel = "saferbcp_changes";

    private readonly PortalDatabase _database;
    private readonly LocalCaches _caches;
    private readonly CmsDbContext _db;
    private readonly ContentChangeLog _log;

    public ChangeAnnouncer(PortalDatabase database, LocalCaches caches, CmsDbContext db, ContentChangeLog log)
    {
        _database = database;
        _caches = caches;
        _db = db;
        _log = log;
    }

    public async Task AnnounceAsync(string topic, CancellationToken cancellationToken = default)
    {
        await using var transaction = await _database.BeginTransactionAsync(cancellationToken);
        if (topic != ChangeTopics.Content)
        {
            await _log.AppendAsync(new ContentItem { ContentType = topic }, ContentChangeKind.Published);
            await _db.SaveChangesAsync(cancellationToken);
        }

        if (_database.Provider == DatabaseProvider.Postgres)
        {
            if (_database.Connection.State != System.Data.ConnectionState.Open)
            {
                await _database.Connection.OpenAsync(cancellationToken);
            }

            await using var notify = _database.Connection.CreateCommand();
            notify.CommandText = "SELECT pg_notify(@channel, @payload)";
            notify.Parameters.Add(new NpgsqlParameter("channel", Channel));
            notify.Parameters.Add(new NpgsqlParameter("payload", ChangeNotificationListener.Payload(_caches.InstanceId, topic)));
            await notify.ExecuteNonQueryAsync(cancellationToken);
        }

        await _database.AfterCommitAsync(() => _caches.ClearAsync(topic));
        await transaction.CommitAsync();
    }
}
