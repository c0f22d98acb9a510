using System.Globalization;
using System.Runtime.CompilerServices;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using SaferBcp.Surveys.Models;

namespace SaferBcp.Surveys.Services;

/// <summary>
/// Reads a survey's responses a batch at a time (by id, never all at once) and writes the exports
/// straight to a stream, so memory does not grow with the number of responses. Answers are stored encrypted;
/// every read here hands them back decrypted (<see cref="SurveyProtector"/>), in untracked objects never saved.
/// </summary>
public sealed class SurveyResponseStore
{
    public const int BatchSize = 1000;
    private readonly SurveysDbContext _db;
    private readonly SurveyProtector _protector;

    public SurveyResponseStore(SurveysDbContext db, SurveyProtector protector)
    {
        _db = db;
        _protector = protector;
    }

    public async Task<Dictionary<string, int>> CountsAsync(CancellationToken cancellationToken = default) =>
        await _db.Responses.GroupBy(r => r.SurveyContentItemId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, StringComparer.Ordinal, cancellationToken);

    public Task<int> CountAsync(string surveyId, CancellationToken cancellationToken = default) =>
        _db.Responses.CountAsync(r => r.SurveyContentItemId == surveyId, cancellationToken);

    public async Task<SurveyResponse?> FindAsync(string surveyId, int responseId, CancellationToken cancellationToken = default) =>
        Opened(await _db.Responses.AsNoTracking().FirstOrDefaultAsync(r => r.SurveyContentItemId == surveyId && r.Id == responseId, cancellationToken));

    public async Task<List<SurveyResponse>> LatestAsync(string surveyId, int count, CancellationToken cancellationToken = default) =>
        (await _db.Responses.AsNoTracking().Where(r => r.SurveyContentItemId == surveyId).OrderByDescending(r => r.Id).Take(count).ToListAsync(cancellationToken))
            .Select(r => Opened(r)!).ToList();

    /// <summary>The next batch of answers after a response id, oldest first: only the columns the results need.</summary>
    public async Task<IReadOnlyList<(int Id, string AnswersJson)>> AnswersAfterAsync(string surveyId, int after, int take, CancellationToken cancellationToken = default) =>
        (await _db.Responses.AsNoTracking().Where(r => r.SurveyContentItemId == surveyId && r.Id > after).OrderBy(r => r.Id).Take(take)
            .Select(r => new { r.Id, r.AnswersJson }).ToListAsync(cancellationToken)).Select(r => (r.Id, _protector.UnprotectAnswersJson(r.AnswersJson))).ToList();

    /// <summary>How many responses have an id up to and including <paramref name="lastId"/> (fewer than loaded: some were deleted).</summary>
    public Task<int> CountUpToAsync(string surveyId, int lastId, CancellationToken cancellationToken = default) =>
        _db.Responses.CountAsync(r => r.SurveyContentItemId == surveyId && r.Id <= lastId, cancellationToken);

    public async IAsyncEnumerable<SurveyResponse> StreamAsync(string surveyId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        int after = 0;
        while (true)
        {
            var batch = await Batch(surveyId, after).ToListAsync(cancellationToken);
            foreach (var response in batch)
            {
                yield return Opened(response)!;
            }

            if (batch.Count < BatchSize)
            {
                yield break;
            }

            after = batch[^1].Id;
            _db.ChangeTracker.Clear();
        }
    }

    /// <summary>The responses dated from <paramref name="from"/> to <paramref name="to"/> (inclusive), a batch at a time.</summary>
    public async IAsyncEnumerable<SurveyResponse> StreamAsync(string surveyId, DateOnly from, DateOnly to, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        int after = 0;
        while (true)
        {
            var batch = await _db.Responses.AsNoTracking()
                .Where(r => r.SurveyContentItemId == surveyId && r.Id > after && r.ResponseDate >= from && r.ResponseDate <= to)
                .OrderBy(r => r.Id).Take(BatchSize).ToListAsync(cancellationToken);
            foreach (var response in batch)
            {
                yield return Opened(response)!;
            }

            if (batch.Count < BatchSize)
            {
                yield break;
            }

            after = batch[^1].Id;
        }
    }

    /// <summary>Every day the survey received a response on.</summary>
    public async Task<IReadOnlyList<DateOnly>> DaysAsync(string surveyId, CancellationToken cancellationToken = default) =>
        await _db.Responses.Where(r => r.SurveyContentItemId == surveyId).Select(r => r.ResponseDate).Distinct().OrderBy(d => d).ToListAsync(cancellationToken);

    /// <summary>The same batches for writers that pull rows synchronously (MiniExcel).</summary>
    public IEnumerable<SurveyResponse> Stream(string surveyId)
    {
        int after = 0;
        while (true)
        {
            var batch = Batch(surveyId, after).ToList();
            foreach (var response in batch)
            {
                yield return Opened(response)!;
            }

            if (batch.Count < BatchSize)
            {
                yield break;
            }

            after = batch[^1].Id;
        }
    }

    public async Task<int> WriteCsvAsync(Stream output, string surveyId, SurveyExportLayout layout, CancellationToken cancellationToken)
    {
        var count = 0;
        await using var csv = CsvWriter.Create(output, new CsvWriterOptions { Injection = CsvInjection.Escape, WriteByteOrderMark = true }, leaveOpen: true);
        csv.WriteHeader([.. layout.Header]);
        await foreach (var response in StreamAsync(surveyId, cancellationToken))
        {
            foreach (var value in layout.Row(response))
            {
                csv.WriteField(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");
            }

            await csv.EndRecordAsync(cancellationToken);
            count++;
        }

        await csv.FlushAsync(cancellationToken);
        return count;
    }

    public static async Task WriteCodebookCsvAsync(Stream output, SurveyExportLayout layout, CancellationToken cancellationToken)
    {
        await using var csv = CsvWriter.Create(output, new CsvWriterOptions { Injection = CsvInjection.Escape, WriteByteOrderMark = true }, leaveOpen: true);
        csv.WriteHeader(SurveyExportLayout.CodebookHeader);
        foreach (var row in layout.Codebook())
        {
            foreach (var name in SurveyExportLayout.CodebookHeader)
            {
                csv.WriteField(Convert.ToString(row[name], CultureInfo.InvariantCulture) ?? "");
            }

            await csv.EndRecordAsync(cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }

    /// <summary>Writes the workbook (Responses, Codebook) to a seekable stream, pulling responses lazily; returns how many.</summary>
    public async Task<int> WriteXlsxAsync(Stream output, string surveyId, SurveyExportLayout layout, CancellationToken cancellationToken)
    {
        var count = 0;
        var rows = Stream(surveyId).Select(r =>
        {
            count++;
            return layout.RowByName(r);
        });
        var sheets = new Dictionary<string, object> { ["Responses"] = rows, ["Codebook"] = layout.Codebook() };
        await MiniExcel.SaveAsAsync(output, sheets, cancellationToken: cancellationToken);
        return count;
    }

    /// <summary>The response with its answers decrypted; untracked, so never written back.</summary>
    private SurveyResponse? Opened(SurveyResponse? response)
    {
        if (response is not null)
        {
            response.AnswersJson = _protector.UnprotectAnswersJson(response.AnswersJson);
        }

        return response;
    }

    private IQueryable<SurveyResponse> Batch(string surveyId, int after) =>
        _db.Responses.AsNoTracking().Where(r => r.SurveyContentItemId == surveyId && r.Id > after).OrderBy(r => r.Id).Take(BatchSize);
}
