using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace SaferBcp.Cms.Data;

/// <summary>
/// One database connection per request scope, shared by the kernel's and every module's DbContext,
/// so that a unit of work spanning several modules (a recipe, a publish that updates module index
/// tables) commits or rolls back as one.
/// </summary>
public sealed class PortalDatabase : IAsyncDisposable, IDisposable
{
    private readonly List<DbContext> _contexts = [];
    private readonly List<Func<Task>> _afterCommit = [];
    private readonly SqliteWriterQueue? _writers;
    private DbTransaction? _transaction;
    private bool _inWriterQueueTurn;

    public PortalDatabase(PortalDataPaths paths, SqliteWriterQueue writers)
    {
        Provider = paths.Options.DatabaseProvider;
        _writers = Provider == DatabaseProvider.Sqlite ? writers : null;
        Connection = Provider switch
        {
            DatabaseProvider.Postgres => new NpgsqlConnection(paths.Options.ConnectionString),
            _ => WithBusyTimeout(new SqliteConnection(paths.SqliteConnectionString)),
        };
    }

    /// <summary>For design-time tools (dotnet ef) only.</summary>
    public PortalDatabase(DbConnection connection, DatabaseProvider provider)
    {
        Connection = connection;
        Provider = provider;
    }

    /// <summary>How long a SQLite writer waits for another's write lock before failing.</summary>
    public const int SqliteBusyTimeoutMilliseconds = 30_000;

    public DatabaseProvider Provider { get; }

    public DbConnection Connection { get; }

    public bool InTransaction => _transaction is not null;

    /// <summary>
    /// Without busy_timeout, Microsoft.Data.Sqlite retries a locked write every 150 ms, so a second writer waits
    /// 150 ms for a lock held for 5 (bench/SaferBcp.Benchmarks sqlite-lock-wait). SQLite's own busy handler
    /// retries within a millisecond or two. Set on every open, because pooled connections may be new.
    /// </summary>
    private static SqliteConnection WithBusyTimeout(SqliteConnection connection)
    {
        connection.StateChange += (_, change) =>
        {
            if (change.CurrentState == System.Data.ConnectionState.Open)
            {
                using var pragma = connection.CreateCommand();
                pragma.CommandText = $"PRAGMA busy_timeout = {SqliteBusyTimeoutMilliseconds};";
                pragma.ExecuteNonQuery();
            }
        };
        return connection;
    }

    /// <summary>
    /// Runs <paramref name="action"/> once the scope's transaction has committed (at once when there is none), and never
    /// if it rolls back: for signals that other work may now read what this unit of work wrote.
    /// </summary>
    public void AfterCommit(Action action)
    {
        if (_transaction is null)
        {
            action();
        }
        else
        {
            _afterCommit.Add(() =>
            {
                action();
                return Task.CompletedTask;
            });
        }
    }

    /// <summary>As <see cref="AfterCommit"/>, for asynchronous work: awaited by the commit, after it succeeds.</summary>
    public Task AfterCommitAsync(Func<Task> work)
    {
        if (_transaction is null)
        {
            return work();
        }

        _afterCommit.Add(work);
        return Task.CompletedTask;
    }

    /// <summary>Every DbContext calls this from its constructor so it joins the scope's connection and transaction.</summary>
    public void Attach(DbContext context)
    {
        _contexts.Add(context);
        if (_transaction is not null)
        {
            context.Database.UseTransaction(_transaction);
        }
    }

    /// <summary>
    /// Starts a transaction every DbContext of this scope takes part in. Nested calls join the outer one:
    /// only the outermost commit commits.
    /// </summary>
    public async Task<PortalTransaction> BeginTransactionAsync(CancellationToken cancellationToken = default)
    {
        if (_transaction is not null)
        {
            return new PortalTransaction(this, owner: false);
        }

        await TakeWriterTurnAsync(cancellationToken);
        try
        {
            if (Connection.State != System.Data.ConnectionState.Open)
            {
                await Connection.OpenAsync(cancellationToken);
            }

            _transaction = await Connection.BeginTransactionAsync(cancellationToken);
        }
        catch
        {
            EndWriterTurn();
            throw;
        }

        foreach (var context in _contexts)
        {
            context.Database.UseTransaction(_transaction);
        }

        return new PortalTransaction(this, owner: true);
    }

    internal async Task CompleteAsync(bool commit)
    {
        if (_transaction is null)
        {
            return;
        }

        Func<Task>[] callbacks;
        try
        {
            if (commit)
            {
                await _transaction.CommitAsync();
            }
            else
            {
                await _transaction.RollbackAsync();
            }
        }
        finally
        {
            await _transaction.DisposeAsync();
            _transaction = null;
            EndWriterTurn();
            foreach (var context in _contexts)
            {
                context.Database.UseTransaction(null);
                if (!commit)
                {
                    // Entities tracked during a rolled-back unit of work no longer match the database.
                    context.ChangeTracker.Clear();
                }
            }

            callbacks = commit ? [.. _afterCommit] : [];
            _afterCommit.Clear();
        }

        // Reached only when the commit (or rollback) succeeded.
        foreach (var callback in callbacks)
        {
            await callback();
        }
    }

    /// <summary>
    /// Holds a database-wide lock until the result is disposed: on PostgreSQL a session advisory lock on this scope's
    /// connection, so every node waits for it; on SQLite (one node) the writer queue stands in for it. Released by the
    /// database itself if the node dies.
    /// </summary>
    public async Task<IAsyncDisposable> LockAsync(long key, CancellationToken cancellationToken = default)
    {
        if (Provider != DatabaseProvider.Postgres)
        {
            return new LockRelease(null);
        }

        if (Connection.State != System.Data.ConnectionState.Open)
        {
            await Connection.OpenAsync(cancellationToken);
        }

        await AdvisoryLockAsync("pg_advisory_lock", key, cancellationToken);
        return new LockRelease(() => AdvisoryLockAsync("pg_advisory_unlock", key, CancellationToken.None));
    }

    /// <summary>
    /// On PostgreSQL, holds a database-wide lock until this scope's transaction ends (released by PostgreSQL at commit or
    /// rollback, or if the node dies); nothing on SQLite, where writers already take turns. Must be called inside a transaction.
    /// </summary>
    public async Task LockUntilCommitAsync(long key, CancellationToken cancellationToken = default)
    {
        if (Provider != DatabaseProvider.Postgres)
        {
            return;
        }

        if (_transaction is null)
        {
            throw new InvalidOperationException("A lock held until commit needs a transaction");
        }

        await AdvisoryLockAsync("pg_advisory_xact_lock", key, cancellationToken);
    }

    /// <summary>Runs one of PostgreSQL's advisory-lock functions; waiting for a lock has no time limit.</summary>
    private async Task AdvisoryLockAsync(string function, long key, CancellationToken cancellationToken)
    {
        await using var command = Connection.CreateCommand();
        command.CommandText = $"SELECT {function}(@key)";
        command.Parameters.Add(new NpgsqlParameter("key", key));
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// For tables read by an id cursor ("everything after id N"): PostgreSQL hands out ids when rows are inserted, but a
    /// later id can commit first, and a reader that saw it would move past the earlier one for good. Writers that call
    /// this inside their transaction take turns until they commit, so ids become visible in order. On SQLite writers
    /// already take turns. Must be called inside a transaction.
    /// </summary>
    public Task WriteInIdOrderAsync(long key, CancellationToken cancellationToken = default) => LockUntilCommitAsync(key, cancellationToken);

    private sealed class LockRelease(Func<Task>? release) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (release is not null)
            {
                await release();
            }
        }
    }

    /// <summary>Every write transaction on SQLite begins immediately (takes the write lock), so it first waits its turn in this process.</summary>
    private async Task TakeWriterTurnAsync(CancellationToken cancellationToken)
    {
        if (_writers is null)
        {
            return;
        }

        if (!await _writers.EnterAsync(TimeSpan.FromMilliseconds(SqliteBusyTimeoutMilliseconds), cancellationToken))
        {
            throw new TimeoutException($"Another change held the database for {SqliteBusyTimeoutMilliseconds / 1000} seconds; nothing was saved");
        }

        _inWriterQueueTurn = true;
    }

    private void EndWriterTurn()
    {
        if (_inWriterQueueTurn)
        {
            _inWriterQueueTurn = false;
            _writers!.Leave();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_transaction is not null)
        {
            await _transaction.DisposeAsync();
        }

        EndWriterTurn();
        await Connection.DisposeAsync();
    }

    public void Dispose()
    {
        _transaction?.Dispose();
        EndWriterTurn();
        Connection.Dispose();
    }
}

public sealed class PortalTransaction : IAsyncDisposable
{
    private readonly PortalDatabase _database;
    private readonly bool _owner;
    private bool _completed;

    internal PortalTransaction(PortalDatabase database, bool owner)
    {
        _database = database;
        _owner = owner;
    }

    public async Task CommitAsync()
    {
        _completed = true;
        if (_owner)
        {
            await _database.CompleteAsync(commit: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // An unfinished inner unit of work rolls back the outer one too: it must not commit half of it.
        if (!_completed)
        {
            await _database.CompleteAsync(commit: false);
        }
    }
}
