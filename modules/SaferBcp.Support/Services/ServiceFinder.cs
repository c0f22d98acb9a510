using Microsoft.EntityFrameworkCore;
using SaferBcp.Support.Models;

namespace SaferBcp.Support.Services;

/// <summary>What "Find support" shows: emergency numbers first, then local services, then national helplines.</summary>
public sealed record FinderResults(FinderAnswers Answers, IReadOnlyList<EmergencyNumber> Emergency, IReadOnlyList<ServiceIndex> Local, IReadOnlyList<ServiceIndex> National)
{
    public static FinderResults From(FinderAnswers answers, IEnumerable<ServiceIndex> matches)
    {
        // Services open now whatever the hour come first: the person may be reading this at night.
        var ordered = matches.OrderByDescending(s => s.OpenAllHours).ThenBy(s => s.Title, StringComparer.OrdinalIgnoreCase).ToList();
        return new FinderResults(answers, EmergencyNumbers.All, ordered.Where(s => !s.IsNational).ToList(), ordered.Where(s => s.IsNational).ToList());
    }
}

/// <summary>Finds the published services that match a resident's answers, from the index table.</summary>
public sealed class ServiceFinder
{
    private readonly SupportDbContext _db;

    public ServiceFinder(SupportDbContext db) => _db = db;

    public async Task<FinderResults> FindAsync(FinderAnswers answers)
    {
        var matches = await _db.Services.AsNoTracking().Where(answers.ToCriteria().Predicate()).ToListAsync();
        return FinderResults.From(answers, matches);
    }
}
