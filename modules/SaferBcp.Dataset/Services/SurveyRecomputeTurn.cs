namespace SaferBcp.Dataset.Services;

/// <summary>
/// One survey-mapped recompute at a time on this node (a singleton): the refresher's and the back office's recomputes
/// take turns, so the one that started counting last is the one that stores last.
/// </summary>
public sealed class SurveyRecomputeTurn : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(1, 1);

    /// <summary>Waits for the turn; disposing the result ends it.</summary>
    public async Task<IDisposable> TakeAsync(CancellationToken cancellationToken)
    {
        await _semaphore.WaitAsync(cancellationToken);
        return new Turn(_semaphore);
    }

    public void Dispose() => _semaphore.Dispose();

    private sealed class Turn(SemaphoreSlim semaphore) : IDisposable
    {
        private int _ended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0)
            {
                semaphore.Release();
            }
        }
    }
}
