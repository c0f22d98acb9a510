using System.Collections.Concurrent;
using System.Diagnostics;

namespace SaferBcp.Surveys.Services.Results;

/// <summary>
/// One <see cref="ResponseMatrix"/> per survey for the life of the node, built once from the database in
/// batches and caught up on every request with a query for responses newer than the last one loaded, so that
/// several nodes sharing a database all show every response. It is coded again from the start when the
/// survey's questions change, or when responses it holds have gone from the database (deleted; checked every
/// <see cref="DeletionCheckInterval"/>).
/// </summary>
public sealed class SurveyResultsCache
{
    public const int LoadBatchSize = 5000;

    /// <summary>How often the cache checks that none of the responses it holds was deleted (a count over the survey's index).</summary>
    public static readonly TimeSpan DeletionCheckInterval = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The survey's responses as they are in the database now.</summary>
    public async Task<MatrixSnapshot> GetAsync(SurveyInfo survey, SurveyResponseStore store, CancellationToken cancellationToken = default)
    {
        var entry = _entries.GetOrAdd(survey.ContentItemId, _ => new Entry());
        await entry.Gate.WaitAsync(cancellationToken);
        try
        {
            var signature = ResponseMatrix.SignatureOf(survey.Form);
            if (entry.Matrix is null || entry.Matrix.Signature != signature)
            {
                entry.Matrix = new ResponseMatrix(survey.Form);
            }

            await CatchUpAsync(entry.Matrix, survey.ContentItemId, store, cancellationToken);
            var current = entry.Matrix.Current;

            // New responses show at once; a deletion (retention, a test) within DeletionCheckInterval. Real elapsed
            // time, not the portal's clock: this is about the cost of the query, not about calendar days.
            if (current.Count > 0 && Stopwatch.GetElapsedTime(entry.CheckedDeletionsAt) >= DeletionCheckInterval)
            {
                entry.CheckedDeletionsAt = Stopwatch.GetTimestamp();
                if (await store.CountUpToAsync(survey.ContentItemId, current.LastId, cancellationToken) != current.Count)
                {
                    entry.Matrix = new ResponseMatrix(survey.Form);
                    await CatchUpAsync(entry.Matrix, survey.ContentItemId, store, cancellationToken);
                }
            }

            return entry.Matrix.Current;
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    private static async Task CatchUpAsync(ResponseMatrix matrix, string surveyId, SurveyResponseStore store, CancellationToken cancellationToken)
    {
        while (true)
        {
            var batch = await store.AnswersAfterAsync(surveyId, matrix.Current.LastId, LoadBatchSize, cancellationToken);
            matrix.Append(batch);
            if (batch.Count < LoadBatchSize)
            {
                return;
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public ResponseMatrix? Matrix { get; set; }

        public long CheckedDeletionsAt { get; set; }
    }
}
