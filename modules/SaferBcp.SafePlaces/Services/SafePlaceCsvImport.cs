using System.Globalization;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Data;
using SaferBcp.SafePlaces.Models;
using SaferBcp.Cms.Formats;

namespace SaferBcp.SafePlaces.Services;

/// <summary>A problem with one cell (or the whole file, row 1 for the header).</summary>
public sealed record ImportProblem(int Row, string Column, string Problem);

public sealed record SafePlaceImportRow(int Row, string Name, SafePlacePart Part);

public sealed record SafePlaceImportCheck(IReadOnlyList<SafePlaceImportRow> Rows, IReadOnlyList<ImportProblem> Problems)
{
    public bool Succeeded => Problems.Count == 0 && Rows.Count > 0;
}

/// <summary>
/// Reads a CSV of places in the same columns as /safe-places.csv (url is ignored) and checks every row with the
/// same rules as the editor. <see cref="SafePlaceImporter"/> saves them only when every row passes.
/// </summary>
public static class SafePlaceCsvReader
{
    public static readonly string[] RequiredColumns = ["name", "category", "address", "postcode", "area", "schemes", "last_verified"];

    private static readonly Dictionary<string, string> ColumnOfField = new(StringComparer.Ordinal)
    {
        ["TitlePart.Title"] = "name",
        ["SafePlacePart.Category"] = "category",
        ["SafePlacePart.Address"] = "address",
        ["SafePlacePart.Postcode"] = "postcode",
        ["SafePlacePart.Area"] = "area",
        ["SafePlacePart.Locality"] = "locality",
        ["SafePlacePart.Latitude"] = "latitude",
        ["SafePlacePart.Longitude"] = "longitude",
        ["SafePlacePart.ClosedDates"] = "closed_dates",
        ["SafePlacePart.SpecialHours"] = "special_hours",
        ["SafePlacePart.Schemes"] = "schemes",
        ["SafePlacePart.Phone"] = "phone",
        ["SafePlacePart.Description"] = "description",
        ["SafePlacePart.LastVerified"] = "last_verified",
    };

    public static SafePlaceImportCheck Read(TextReader text, DateOnly today)
    {
        var rows = new List<SafePlaceImportRow>();
        var problems = new List<ImportProblem>();
        // Values may be personal (a venue's phone); keep them out of exception messages and logs.
        var options = new CsvReaderOptions { Separator = ',', TrimWhitespace = true, IncludeValuesInExceptions = false, NormalizeHeaderName = Column };
        using var csv = CsvReader.Create(text, options, leaveOpen: true);
        try
        {
            csv.ReadHeader();
            var headers = csv.Headers.Select(Column).ToHashSet();
            if (headers.Count == 0)
            {
                return new SafePlaceImportCheck(rows, [new ImportProblem(1, "", "The file is empty. The first row must be the column names, like those in /safe-places.csv")]);
            }

            foreach (var missing in RequiredColumns.Where(c => !headers.Contains(c)))
            {
                problems.Add(new ImportProblem(1, missing, $"The column \u2018{missing}\u2019 is missing. The first row must name the columns, like those in /safe-places.csv"));
            }

            if (problems.Count > 0)
            {
                return new SafePlaceImportCheck(rows, problems);
            }

            var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            while (csv.Read())
            {
                // The spreadsheet row: the header is row 1.
                var row = (int)csv.RowNumber + 1;
                string Cell(string column) => headers.Contains(column) ? (csv.GetString(column) ?? "").Trim() : "";

                var name = Cell("name");
                var hours = new WeekHours();
                foreach (var day in WeekHours.WeekdaysFromMonday)
                {
                    hours[day] = Cell(day.ToString().ToLowerInvariant());
                }

                var part = new SafePlacePart
                {
                    Address = string.Join("\n", Cell("address").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)),
                    Postcode = UkPostcode.Normalise(Cell("postcode")) ?? Cell("postcode"),
                    Locality = Cell("locality"),
                    Latitude = Cell("latitude"),
                    Longitude = Cell("longitude"),
                    Hours = hours,
                    ClosedDates = string.Join("\n", Cell("closed_dates").Split([' ', ';', ','], StringSplitOptions.RemoveEmptyEntries)),
                    SpecialHours = SpecialHoursText.FromOneLine(Cell("special_hours")),
                    Phone = Cell("phone"),
                    Description = Cell("description"),
                    LastVerified = SafePlaceDates.TryParse(Cell("last_verified"), out var verified) ? verified.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : Cell("last_verified"),
                };

                var rowProblems = new List<ImportProblem>();
                var category = Cell("category");
                if (SafePlaceLabels.TryCategory(category, out var c))
                {
                    part.Category = c;
                }
                else if (category.Length > 0)
                {
                    rowProblems.Add(new ImportProblem(row, "category", $"\u2018{category}\u2019 is not a kind of place. Use one of: {string.Join(", ", SafePlaceLabels.Categories.Select(x => x.Code))}"));
                }

                var area = Cell("area");
                if (SafePlaceLabels.TryArea(area, out var a))
                {
                    part.Area = a;
                }
                else if (area.Length > 0)
                {
                    rowProblems.Add(new ImportProblem(row, "area", $"\u2018{area}\u2019 is not an area. Use Bournemouth, Christchurch or Poole"));
                }

                part.Facilities = Flags(Cell("facilities"), SafePlaceLabels.Facilities, SafePlaceFacilities.None, (x, y) => x | y, row, "facilities", rowProblems);
                part.Schemes = Flags(Cell("schemes"), SafePlaceLabels.Schemes, SafePlaceSchemes.None, (x, y) => x | y, row, "schemes", rowProblems);

                foreach (var (field, message) in SafePlaceRules.Check(name, part, today))
                {
                    var column = field.StartsWith("SafePlacePart.Hours.", StringComparison.Ordinal)
                        ? field["SafePlacePart.Hours.".Length..].ToLowerInvariant()
                        : ColumnOfField.GetValueOrDefault(field, field);
                    if (rowProblems.All(p => p.Column != column))
                    {
                        rowProblems.Add(new ImportProblem(row, column, message));
                    }
                }

                if (name.Length > 150)
                {
                    rowProblems.Add(new ImportProblem(row, "name", "The name must be 150 characters or fewer"));
                }

                var key = name + "|" + part.Postcode;
                if (name.Length > 0 && seen.TryGetValue(key, out var firstRow))
                {
                    rowProblems.Add(new ImportProblem(row, "name", $"This place is also on row {firstRow}. List each place once"));
                }
                else
                {
                    seen[key] = row;
                }

                problems.AddRange(rowProblems);
                rows.Add(new SafePlaceImportRow(row, name, part));
            }
        }
        catch (CsvFormatException ex)
        {
            problems.Add(new ImportProblem((int)ex.RecordNumber, "", "The file could not be read as CSV. Save it from your spreadsheet as \u2018CSV UTF-8 (comma delimited)\u2019 and try again"));
        }

        if (rows.Count == 0 && problems.Count == 0)
        {
            problems.Add(new ImportProblem(2, "", "The file has column names but no places"));
        }

        return new SafePlaceImportCheck(rows, problems);
    }

    private static string Column(string header) => header.Trim().ToLowerInvariant().Replace(' ', '_');

    private static T Flags<T>(string cell, IReadOnlyList<(T Value, string Code, string Label)> options, T none, Func<T, T, T> or, int row, string column, List<ImportProblem> problems)
        where T : struct, Enum
    {
        var value = none;
        foreach (var code in cell.Split([' ', ';', ','], StringSplitOptions.RemoveEmptyEntries))
        {
            var match = options.FirstOrDefault(o => string.Equals(o.Code, code, StringComparison.OrdinalIgnoreCase));
            if (match.Code is null)
            {
                problems.Add(new ImportProblem(row, column, $"\u2018{code}\u2019 is not recognised. Use one or more of: {string.Join(", ", options.Select(o => o.Code))}, separated by spaces"));
                return none;
            }

            value = or(value, match.Value);
        }

        return value;
    }
}

/// <summary>Saves checked rows as Safe Places in one transaction: all of them, or none if anything fails.</summary>
public sealed class SafePlaceImporter
{
    private readonly ContentManager _content;
    private readonly PortalDatabase _database;
    private readonly CmsDbContext _cms;
    private readonly SafePlacesDbContext _places;

    public SafePlaceImporter(ContentManager content, PortalDatabase database, CmsDbContext cms, SafePlacesDbContext places)
    {
        _content = content;
        _database = database;
        _cms = cms;
        _places = places;
    }

    /// <summary>Returns the problems found; an empty list means every place was saved (and published if asked).</summary>
    public async Task<IReadOnlyList<ImportProblem>> ImportAsync(SafePlaceImportCheck check, bool publish, string? user)
    {
        if (!check.Succeeded)
        {
            return check.Problems;
        }

        var existing = (await _content.Query().Where(c => c.ContentType == SafePlaceTypes.SafePlace && c.Latest).ToListAsync())
            .Select(c => c.DisplayText + "|" + c.As<SafePlacePart>().Postcode).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var problems = check.Rows.Where(r => existing.Contains(r.Name + "|" + r.Part.Postcode))
            .Select(r => new ImportProblem(r.Row, "name", $"\u2018{r.Name}\u2019 at {r.Part.Postcode} is already listed. Edit it in the back office instead, or take this row out"))
            .ToList();
        if (problems.Count > 0)
        {
            return problems;
        }

        await using var transaction = await _database.BeginTransactionAsync();
        var takenPaths = (await _content.Query().Where(c => c.Path != null && c.Path.StartsWith(SafePlaceTypes.PathPrefix)).Select(c => c.Path!).ToListAsync()).ToHashSet();
        foreach (var row in check.Rows)
        {
            var item = _content.New(SafePlaceTypes.SafePlace);
            item.Apply(new TitlePart { Title = row.Name });
            item.Apply(new AutoroutePart { Path = UniquePath(row, takenPaths) });
            item.Apply(row.Part);
            try
            {
                var saved = await _content.SaveDraftAsync(item, user);
                if (publish)
                {
                    await _content.PublishAsync(saved.ContentItemId, user);
                }

                // Each row is saved (inside the one open transaction): forget its entities, or every later
                // SaveChanges scans all earlier rows again and a 5,000-row import takes minutes, not seconds.
                _cms.ChangeTracker.Clear();
                _places.ChangeTracker.Clear();
            }
            catch (ContentValidationException ex)
            {
                // Nothing is committed: the transaction is disposed without CommitAsync.
                return ex.Result.Errors.Select(e => new ImportProblem(row.Row, "", e.Message)).ToList();
            }
        }

        await transaction.CommitAsync();
        return [];
    }

    private static string UniquePath(SafePlaceImportRow row, HashSet<string> taken)
    {
        var slug = ContentPath.Slugify(row.Name);
        var path = SafePlaceTypes.PathPrefix + slug;
        if (!taken.Add(path))
        {
            path = SafePlaceTypes.PathPrefix + ContentPath.Slugify(row.Name + " " + row.Part.Postcode);
            for (var n = 2; !taken.Add(path); n++)
            {
                path = SafePlaceTypes.PathPrefix + ContentPath.Slugify(row.Name + " " + row.Part.Postcode) + "-" + n.ToString(CultureInfo.InvariantCulture);
            }
        }

        return path;
    }
}

/// <summary>
/// Replaces the postcode lookup table from an open-data CSV: the ONS Postcode Directory (columns pcds, lat, long)
/// or any file with postcode, latitude and longitude columns. Rows without usable coordinates are skipped (the ONSPD
/// marks unknown ones as 99.999999). OS Code-Point Open gives eastings and northings only; convert it to latitude and
/// longitude first, or use the ONSPD.
/// </summary>
public sealed class PostcodeImporter
{
    private static readonly string[] PostcodeColumns = ["postcode", "pcds", "pcd", "pcd7", "pcd8"];
    private static readonly string[] LatitudeColumns = ["latitude", "lat"];
    private static readonly string[] LongitudeColumns = ["longitude", "long", "lon", "lng"];
    private readonly SafePlacesDbContext _db;
    private readonly PortalDatabase _database;

    public PostcodeImporter(SafePlacesDbContext db, PortalDatabase database)
    {
        _db = db;
        _database = database;
    }

    public sealed record Outcome(int Imported, int Skipped, string? Error);

    public async Task<Outcome> ReplaceAllAsync(TextReader text, CancellationToken cancellationToken = default)
    {
        var options = new CsvReaderOptions { Separator = ',', TrimWhitespace = true, IncludeValuesInExceptions = false, NormalizeHeaderName = h => h.Trim().ToLowerInvariant() };
        using var csv = CsvReader.Create(text, options, leaveOpen: true);
        await csv.ReadHeaderAsync(cancellationToken);
        var headers = csv.Headers.Select(h => h.Trim().ToLowerInvariant()).ToList();
        if (headers.Count == 0)
        {
            return new Outcome(0, 0, "The file is empty");
        }

        var postcodeColumn = PostcodeColumns.FirstOrDefault(headers.Contains);
        var latColumn = LatitudeColumns.FirstOrDefault(headers.Contains);
        var lonColumn = LongitudeColumns.FirstOrDefault(headers.Contains);
        if (postcodeColumn is null || latColumn is null || lonColumn is null)
        {
            return new Outcome(0, 0, "The file needs columns called postcode (or pcds), latitude (or lat) and longitude (or long)");
        }

        await using var transaction = await _database.BeginTransactionAsync(cancellationToken);
        await _db.Postcodes.ExecuteDeleteAsync(cancellationToken);
        var imported = 0;
        var skipped = 0;
        var batch = new Dictionary<string, PostcodeLocation>();
        var all = new HashSet<string>();
        while (await csv.ReadAsync(cancellationToken))
        {
            var lat = SafePlacePart.ParseDegrees(csv.GetString(latColumn));
            var lon = SafePlacePart.ParseDegrees(csv.GetString(lonColumn));
            if (!UkPostcode.TryParse(csv.GetString(postcodeColumn), out var postcode)
                || lat is null || lon is null || !UkBounds.Contains(lat.Value, lon.Value) || !all.Add(postcode.ToString()))
            {
                skipped++;
                continue;
            }

            batch[postcode.ToString()] = new PostcodeLocation { Postcode = postcode.ToString(), District = postcode.District, Latitude = lat.Value, Longitude = lon.Value };
            if (batch.Count == 5000)
            {
                imported += await SaveAsync(batch, cancellationToken);
            }
        }

        imported += await SaveAsync(batch, cancellationToken);
        if (imported == 0)
        {
            // Not committed: the list in use stays as it was.
            return new Outcome(0, skipped, "No rows had a full postcode with a latitude and longitude in the UK. The postcode list was not changed");
        }

        await transaction.CommitAsync();
        return new Outcome(imported, skipped, null);
    }

    public Task<int> CountAsync() => _db.Postcodes.CountAsync();

    private async Task<int> SaveAsync(Dictionary<string, PostcodeLocation> batch, CancellationToken cancellationToken)
    {
        _db.Postcodes.AddRange(batch.Values);
        await _db.SaveChangesAsync(cancellationToken);
        _db.ChangeTracker.Clear();
        var count = batch.Count;
        batch.Clear();
        return count;
    }
}
