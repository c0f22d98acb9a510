using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using SaferBcp.Surveys.Models;

namespace SaferBcp.Surveys.Services;

/// <summary>
/// Writes a new contact so that nothing in the database ties it to the response it came with. The new row goes in with
/// up to <see cref="MixWith"/> of the survey's earlier contacts, chosen at random, which are deleted and written again
/// under new random ids, all in random order: the new one is then one of that many rows sharing the transaction
/// (PostgreSQL's xmin) and a run of row positions (SQLite's rowid, PostgreSQL's physical order). Only the survey's very
/// first contacts cannot be mixed with others; each later one mixes them in again.
/// </summary>
public sealed class SurveyContactFiling
{
    public const int MixWith = 20;

    private readonly SurveysDbContext _db;

    public SurveyContactFiling(SurveysDbContext db) => _db = db;

    /// <summary>Adds the contact (and the re-filed ones) to the context; the caller saves, in its transaction.</summary>
    public async Task FileAsync(SurveyContact contact, CancellationToken cancellationToken)
    {
        var earlier = await _db.Contacts.AsNoTracking()
            .Where(c => c.SurveyContentItemId == contact.SurveyContentItemId)
            .OrderBy(c => EF.Functions.Random())
            .Take(MixWith)
            .ToListAsync(cancellationToken);
        if (earlier.Count > 0)
        {
            var ids = earlier.Select(c => c.Id).ToList();
            await _db.Contacts.Where(c => ids.Contains(c.Id)).ExecuteDeleteAsync(cancellationToken);
        }

        var rows = earlier.Append(contact).ToArray();
        RandomNumberGenerator.Shuffle(rows.AsSpan());
        foreach (var row in rows)
        {
            row.Id = Guid.NewGuid();
            _db.Contacts.Add(row);
        }
    }
}
