using Microsoft.EntityFrameworkCore;
using SaferBcp.Cms.Audit;
using SaferBcp.Cms.Data;
using SaferBcp.Surveys.Models;
using SaferBcp.Surveys.Services;

namespace SaferBcp.Surveys.Assisted;

/// <summary>
/// Stores a checked file of paper responses in one transaction: every row, or none. A file already imported into the
/// survey, or a row copied from this survey's own export (its response_id is one of the survey's responses), is
/// refused, so nothing is counted twice.
/// </summary>
public sealed class PaperBatchImporter
{
    public const string AuditAction = "survey.responses.imported";
    private readonly SurveysDbContext _db;
    private readonly PortalDatabase _database;
    private readonly SurveyProtector _protector;
    private readonly AuditLog _audit;
    private readonly SurveyIndicatorSignal _indicators;

    public PaperBatchImporter(SurveysDbContext db, PortalDatabase database, SurveyProtector protector, AuditLog audit, SurveyIndicatorSignal indicators)
    {
        _db = db;
        _database = database;
        _protector = protector;
        _audit = audit;
        _indicators = indicators;
    }

    /// <summary>The problems found; none means every row was stored.</summary>
    public async Task<IReadOnlyList<PaperProblem>> ImportAsync(SurveyInfo survey, PaperBatchCheck check, CancellationToken cancellationToken)
    {
        if (!check.Succeeded)
        {
            return check.Problems;
        }

        var surveyId = survey.ContentItemId;
        var exported = check.Rows.Where(r => r.ExportedId is not null).Select(r => r.ExportedId!.Value).Distinct().ToList();
        var counted = exported.Count == 0 ? [] : (await _db.Responses.Where(r => r.SurveyContentItemId == surveyId && exported.Contains(r.Id)).Select(r => r.Id).ToListAsync(cancellationToken)).ToHashSet();
        var problems = check.Rows.Where(r => r.ExportedId is { } id && counted.Contains(id))
            .Select(r => new PaperProblem(r.Row, SurveyExportLayout.IdColumn, $"Response {r.ExportedId} is already in this survey (the row comes from its export). Take the row out, or leave response_id empty for a new paper response"))
            .ToList();
        if (problems.Count > 0)
        {
            return problems;
        }

        var protectedRows = check.Rows.Select(r => (r.Month, Answers: _protector.ProtectAnswers(r.Answers))).ToList();
        await using var transaction = await _database.BeginTransactionAsync(cancellationToken);
        if (await _db.Set<PaperBatch>().AnyAsync(b => b.SurveyContentItemId == surveyId && b.Fingerprint == check.Fingerprint, cancellationToken))
        {
            return [AlreadyImported];
        }

        // Results catch up by response id, so responses are stored in id order.
        await _database.WriteInIdOrderAsync(DatabaseLocks.SurveyResponses, cancellationToken);
        _db.Set<PaperBatch>().Add(new PaperBatch { SurveyContentItemId = surveyId, Fingerprint = check.Fingerprint });
        foreach (var (month, answers) in protectedRows)
        {
            _db.Responses.Add(new SurveyResponse { SurveyContentItemId = surveyId, ResponseDate = month, AnswersJson = answers });
        }

        try
        {
            await _db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same file sent twice at once: the unique fingerprint stops the second.
            _db.ChangeTracker.Clear();
            return [AlreadyImported];
        }

        await _audit.WriteAsync(AuditAction, "Survey", surveyId, $"Imported {check.Rows.Count} paper response(s) to \"{survey.Title}\"");
        await transaction.CommitAsync();
        foreach (var month in protectedRows.Select(r => r.Month).Distinct())
        {
            _indicators.Notify(surveyId, month);
        }

        return [];
    }

    private static PaperProblem AlreadyImported => new(0, "", "This file has already been imported into this survey, so its responses are counted already. Nothing was imported again");
}
