using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SaferBcp.Cms.Data;

namespace SaferBcp.Cms.Background;

/// <summary>
/// Leases that let one process at a time run a job when several nodes share the database: a row per job in JobLeases
/// naming its holder and when the lease ends. Taking or renewing one is a single statement, an INSERT … ON CONFLICT DO
/// UPDATE … WHERE the row is the caller's or has expired, which SQLite and PostgreSQL both carry out atomically: of two
/// nodes trying at once, exactly one gets the row.
/// <para>
/// Times are the nodes' own UTC clocks (the portal's <see cref="TimeProvider"/>), not the database's: the same SQL on
/// both providers, and tests move leases on with a fake clock. A node compares the end another node wrote with its own
/// clock, so a clock running s ahead sees a lease end s early; leases last at least <see cref="PeriodicJob.ShortestLease"/>,
/// far more than clocks kept by NTP differ, and the jobs write conditionally, so even an overlap writes nothing twice.
/// </para>
/// <para>
/// Not PostgreSQL session advisory locks, though they vanish the moment a node dies: each would hold a connection out of
/// the pool for as long as the node runs the job (one per job per node, and none survive a pooler in transaction mode),
/// SQLite has nothing like them, and a lease row shows in the database which node runs what. The price is that a node
/// that dies keeps its jobs until its leases run out; one that stops cleanly hands them over at once.
/// </para>
/// </summary>
public sealed class JobLeases
{
    private readonly CmsDbContext _db;
    private readonly TimeProvider _clock;
    private readonly string _nodeId;

    public JobLeases(CmsDbContext db, TimeProvider clock, IOptions<PortalOptions> options)
    {
        _db = db;
        _clock = clock;
        _nodeId = options.Value.NodeId;
    }

    /// <summary>The holder name of one start of a job on this node.</summary>
    public string HolderName(string instance) => $"{_nodeId}/{instance}";

    /// <summary>Takes the job's lease, or renews it, for <paramref name="length"/>; false when another holder's has not expired.</summary>
    public async Task<bool> TryTakeAsync(string job, string holder, TimeSpan length, CancellationToken cancellationToken = default)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        var until = now + length;
        var changed = await _db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO "JobLeases" ("Name", "Holder", "ExpiresUtc") VALUES ({job}, {holder}, {until})
            ON CONFLICT ("Name") DO UPDATE SET "Holder" = excluded."Holder", "ExpiresUtc" = excluded."ExpiresUtc"
            WHERE "JobLeases"."Holder" = excluded."Holder" OR "JobLeases"."ExpiresUtc" < {now}
            """,
            cancellationToken);
        return changed == 1;
    }

    /// <summary>Gives the lease up, if the holder still has it, so another node can take the job at its next run.</summary>
    public Task<int> ReleaseAsync(string job, string holder, CancellationToken cancellationToken = default) =>
        _db.JobLeases.Where(l => l.Name == job && l.Holder == holder).ExecuteDeleteAsync(cancellationToken);
}
