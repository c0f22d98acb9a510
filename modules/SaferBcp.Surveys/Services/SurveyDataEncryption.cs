using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SaferBcp.Cms.Data;
using SaferBcp.Surveys.Models;

namespace SaferBcp.Surveys.Services;

/// <summary>
/// Encrypts, once, what databases from before encryption hold in plaintext: survey answers, and contact details (which
/// are also moved to their month and re-filed in random order under new ids). Runs at every start and finds nothing to
/// do once done. Two nodes doing it at once is harmless: each writes an encryption of the same plaintext.
/// Until it has reached a row, the readers accept the plaintext (<see cref="SurveyProtector.IsPlaintext"/>).
/// </summary>
public sealed class SurveyDataEncryption : BackgroundService
{
    public const int BatchSize = 500;

    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<SurveyDataEncryption> _logger;
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SurveyDataEncryption(IServiceScopeFactory scopes, ILogger<SurveyDataEncryption> logger)
    {
        _scopes = scopes;
        _logger = logger;
    }

    /// <summary>Completes when the start-up encryption has finished (or failed).</summary>
    public Task Done => _done.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            var responses = await EncryptResponsesAsync(stoppingToken);
            var contacts = await EncryptContactsAsync(stoppingToken);
            if (responses + contacts > 0)
            {
                await FlushAsync(stoppingToken);
                _logger.LogInformation("Encrypted {Responses} survey response(s) and {Contacts} contact(s) stored before encryption", responses, contacts);
            }
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            _logger.LogError(ex, "Encrypting survey data stored before encryption failed; it is tried again at the next start");
        }
        finally
        {
            _done.TrySetResult();
        }
    }

    public async Task<int> EncryptResponsesAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            await using var scope = _scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SurveysDbContext>();
            var protector = scope.ServiceProvider.GetRequiredService<SurveyProtector>();
            var batch = await db.Responses.Where(r => EF.Functions.Like(r.AnswersJson, "{%")).OrderBy(r => r.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return total;
            }

            foreach (var response in batch)
            {
                response.AnswersJson = protector.ProtectAnswersJson(response.AnswersJson);
            }

            await using var transaction = await BeginScrubbingTransactionAsync(scope.ServiceProvider, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync();
            total += batch.Count;
        }
    }

    public async Task<int> EncryptContactsAsync(CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SurveysDbContext>();
        var protector = scope.ServiceProvider.GetRequiredService<SurveyProtector>();
        var legacy = await db.Contacts.AsNoTracking()
            .Where(c => c.LegacyName != null || c.LegacyEmail != null || c.LegacyPhone != null)
            .ToListAsync(cancellationToken);
        if (legacy.Count == 0)
        {
            return 0;
        }

        await using var transaction = await BeginScrubbingTransactionAsync(scope.ServiceProvider, cancellationToken);
        var ids = legacy.Select(c => c.Id).ToList();
        await db.Contacts.Where(c => ids.Contains(c.Id)).ExecuteDeleteAsync(cancellationToken);
        var rows = legacy.Select(c => new SurveyContact
        {
            Id = Guid.NewGuid(),
            SurveyContentItemId = c.SurveyContentItemId,
            ReceivedOn = SurveyContact.MonthOf(c.ReceivedOn),
            ProtectedDetails = protector.ProtectContact(new ContactDetails(c.LegacyName, c.LegacyEmail, c.LegacyPhone)),
        }).ToArray();
        RandomNumberGenerator.Shuffle(rows.AsSpan());
        db.Contacts.AddRange(rows);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync();
        return rows.Length;
    }

    /// <summary>
    /// On SQLite, the plaintext an update replaces would otherwise stay in the file's free space: secure_delete has
    /// SQLite overwrite it with zeros. (On PostgreSQL, old row versions stay in the table's free space until reused or
    /// a VACUUM FULL; see docs/surveys.md.)
    /// </summary>
    private static async Task<PortalTransaction> BeginScrubbingTransactionAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var database = services.GetRequiredService<PortalDatabase>();
        var transaction = await database.BeginTransactionAsync(cancellationToken);
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            await services.GetRequiredService<SurveysDbContext>().Database.ExecuteSqlRawAsync("PRAGMA secure_delete = ON;", cancellationToken);
        }

        return transaction;
    }

    /// <summary>SQLite's write-ahead log still holds the pages as they were: copy it into the file and empty it.</summary>
    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        if (scope.ServiceProvider.GetRequiredService<PortalDatabase>().Provider == DatabaseProvider.Sqlite)
        {
            await scope.ServiceProvider.GetRequiredService<SurveysDbContext>().Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
        }
    }
}
