namespace SaferBcp.Cms.Data;

/// <summary>
/// SQLite lets one writer in at a time. A writer that finds the lock taken sleeps in SQLite's busy handler, which backs
/// off up to 100 ms between tries, so under load some writers wait far longer than the lock is held. The portal's write
/// transactions (<see cref="PortalDatabase.BeginTransactionAsync"/>) queue here instead, in the order they arrive, and
/// each goes in the moment the one before commits. Writes outside a transaction, and other processes, still rely on
/// SQLite's busy handler: this queue only shortens waits, the database lock still decides.
/// </summary>
public sealed class SqliteWriterQueue : IDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <summary>Waits for this process's turn to write; false when <paramref name="timeout"/> passed first.</summary>
    public Task<bool> EnterAsync(TimeSpan timeout, CancellationToken cancellationToken) => _turn.WaitAsync(timeout, cancellationToken);

    public void Leave() => _turn.Release();

    public void Dispose() => _turn.Dispose();
}
