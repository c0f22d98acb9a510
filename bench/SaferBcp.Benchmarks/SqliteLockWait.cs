using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace SaferBcp.Benchmarks;

/// <summary>
/// A small probe behind the referral-submit figures (docs/benchmarks.md): how long a second writer's BEGIN waits
/// when the first writer holds SQLite's write lock for only a few milliseconds, with the portal's connection string
/// (WAL, DefaultTimeout 30, pooling), without and with PRAGMA busy_timeout.
/// </summary>
internal static class SqliteLockWait
{
    public static int Run()
    {
        var path = Path.Combine(Path.GetTempPath(), "saferbcp-lock-probe-" + Guid.NewGuid().ToString("N")[..8] + ".db");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Cache = SqliteCacheMode.Private, DefaultTimeout = 30, Pooling = true }.ToString();
        try
        {
            using (var setup = new SqliteConnection(connectionString))
            {
                setup.Open();
                using var command = setup.CreateCommand();
                command.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE t(x);";
                command.ExecuteNonQuery();
            }

            Console.WriteLine("SQLite write-lock wait: writer A holds the lock (BEGIN IMMEDIATE) for 5 ms; how long does writer B's BEGIN take?");
            foreach (var busyTimeout in new int?[] { null, 30000 })
            {
                var waits = new List<double>();
                for (var round = 0; round < 5; round++)
                {
                    using var a = new SqliteConnection(connectionString);
                    using var b = new SqliteConnection(connectionString);
                    a.Open();
                    b.Open();
                    if (busyTimeout is { } ms)
                    {
                        using var pragma = b.CreateCommand();
                        pragma.CommandText = $"PRAGMA busy_timeout={ms}";
                        pragma.ExecuteNonQuery();
                    }

                    var held = a.BeginTransaction();
                    var clock = Stopwatch.StartNew();
                    var second = Task.Run(() =>
                    {
                        using var transaction = b.BeginTransaction();
                        var waited = clock.Elapsed.TotalMilliseconds;
                        transaction.Commit();
                        return waited;
                    });
                    Thread.Sleep(5);
                    held.Commit();
                    waits.Add(second.GetAwaiter().GetResult());
                }

                Console.WriteLine($"  {(busyTimeout is null ? "as the portal (no busy_timeout)" : $"PRAGMA busy_timeout={busyTimeout}"),-32} B waited {string.Join(", ", waits.Select(w => w.ToString("F1")))} ms");
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }

        return 0;
    }
}
