using Microsoft.EntityFrameworkCore;
using SaferBcp.Cms.Audit;
using SaferBcp.Forms.Models;
using SaferBcp.Surveys.Services;

namespace SaferBcp.Surveys.Coding;

/// <summary>
/// The codebooks: the themes of each free-text question of a survey, added, renamed (with their descriptions) and
/// merged by Analysts. Every change is audited; a merge moves the codings of one theme to the other.
/// </summary>
public sealed class CodebookStore
{
    private readonly SurveyCodingDbContext _db;
    private readonly AuditLog _audit;
    private readonly ThemeMappingFollower _mappings;

    public CodebookStore(SurveyCodingDbContext db, AuditLog audit, ThemeMappingFollower mappings)
    {
        _db = db;
        _audit = audit;
        _mappings = mappings;
    }

    /// <summary>The questions answered in the respondent's own words (contact questions are never stored with answers).</summary>
    public static IReadOnlyList<FormQuestion> FreeTextQuestions(SurveyInfo survey) =>
        survey.Form.Pages.SelectMany(p => p.Questions)
            .Where(q => q.Type is QuestionType.Text or QuestionType.LongText && !(q.Tag is { } tag && SurveySubmissionHandler.ContactTags.Contains(tag)))
            .ToList();

    public static FormQuestion? FreeTextQuestion(SurveyInfo survey, string questionId) =>
        FreeTextQuestions(survey).FirstOrDefault(q => q.Id == questionId);

    public Task<List<Theme>> ThemesAsync(string surveyId, string questionId, CancellationToken cancellationToken = default) =>
        _db.Themes.AsNoTracking().Where(t => t.SurveyContentItemId == surveyId && t.QuestionId == questionId).OrderBy(t => t.Id).ToListAsync(cancellationToken);

    public Task<List<Theme>> ThemesAsync(string surveyId, CancellationToken cancellationToken = default) =>
        _db.Themes.AsNoTracking().Where(t => t.SurveyContentItemId == surveyId).OrderBy(t => t.QuestionId).ThenBy(t => t.Id).ToListAsync(cancellationToken);

    /// <summary>How many answers carry each theme of the survey.</summary>
    public async Task<Dictionary<int, int>> UsesAsync(string surveyId, CancellationToken cancellationToken = default)
    {
        var themeIds = _db.Themes.Where(t => t.SurveyContentItemId == surveyId).Select(t => t.Id);
        return await _db.AnswerThemes.Where(a => themeIds.Contains(a.ThemeId)).GroupBy(a => a.ThemeId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
    }

    /// <returns>A message for the Analyst when the theme cannot be added, otherwise null.</returns>
    public async Task<CodebookError?> AddAsync(string surveyId, string questionId, string? name, string? description, CancellationToken cancellationToken = default)
    {
        var themes = await ThemesAsync(surveyId, questionId, cancellationToken);
        if (Check(themes, null, ref name, ref description) is { } error)
        {
            return error;
        }

        var theme = new Theme { SurveyContentItemId = surveyId, QuestionId = questionId, Name = name!, Description = description! };
        _db.Themes.Add(theme);
        await _db.SaveChangesAsync(cancellationToken);
        await _audit.WriteAsync("survey.theme.added", "SurveyTheme", Id(theme.Id), $"Added the theme \"{theme.Name}\" to question {questionId}");
        return null;
    }

    public async Task<CodebookError?> EditAsync(string surveyId, string questionId, int themeId, string? name, string? description, CancellationToken cancellationToken = default)
    {
        var theme = await _db.Themes.FirstOrDefaultAsync(t => t.Id == themeId && t.SurveyContentItemId == surveyId && t.QuestionId == questionId, cancellationToken);
        if (theme is null)
        {
            return new CodebookError("name", "That theme is no longer in the codebook: it may have been merged into another");
        }

        var themes = await ThemesAsync(surveyId, questionId, cancellationToken);
        if (Check(themes, themeId, ref name, ref description) is { } error)
        {
            return error;
        }

        var old = theme.Name;
        theme.Name = name!;
        theme.Description = description!;
        await _db.SaveChangesAsync(cancellationToken);
        await _audit.WriteAsync("survey.theme.edited", "SurveyTheme", Id(theme.Id), old == theme.Name ? $"Changed the description of \"{old}\"" : $"Renamed the theme \"{old}\" to \"{theme.Name}\"");
        return null;
    }

    /// <summary>Moves every coding of one theme to another (an answer with both keeps one) and removes the first.</summary>
    public async Task<CodebookError?> MergeAsync(string surveyId, string questionId, int fromId, int intoId, CancellationToken cancellationToken = default)
    {
        var themes = await _db.Themes.Where(t => t.SurveyContentItemId == surveyId && t.QuestionId == questionId && (t.Id == fromId || t.Id == intoId)).ToListAsync(cancellationToken);
        var from = themes.FirstOrDefault(t => t.Id == fromId);
        var into = themes.FirstOrDefault(t => t.Id == intoId);
        if (from is null)
        {
            return new CodebookError("from", "Choose the theme to merge");
        }

        if (into is null)
        {
            return new CodebookError("into", "Choose the theme to merge it into");
        }

        if (from == into)
        {
            return new CodebookError("into", "Choose a different theme to merge it into");
        }

        var moving = await _db.AnswerThemes.Where(a => a.ThemeId == fromId).ToListAsync(cancellationToken);
        var already = (await _db.AnswerThemes.Where(a => a.ThemeId == intoId).Select(a => a.ResponseId).ToListAsync(cancellationToken)).ToHashSet();
        _db.AnswerThemes.RemoveRange(moving);
        _db.AnswerThemes.AddRange(moving.Where(a => !already.Contains(a.ResponseId)).Select(a => new AnswerTheme { ResponseId = a.ResponseId, ThemeId = intoId }));
        _db.Themes.Remove(from);
        await _db.SaveChangesAsync(cancellationToken);
        await _audit.WriteAsync("survey.theme.merged", "SurveyTheme", Id(intoId), $"Merged the theme \"{from.Name}\" into \"{into.Name}\" ({moving.Count} answers)");
        await _mappings.MergedAsync(surveyId, questionId, from, into, cancellationToken);
        return null;
    }

    private static CodebookError? Check(List<Theme> themes, int? editing, ref string? name, ref string? description)
    {
        name = name?.Trim() ?? "";
        description = description?.Trim() ?? "";
        if (name.Length == 0)
        {
            return new CodebookError("name", "Enter a name for the theme");
        }

        if (name.Length > Theme.NameLength)
        {
            return new CodebookError("name", $"The theme's name must be {Theme.NameLength} characters or fewer");
        }

        if (description.Length > Theme.DescriptionLength)
        {
            return new CodebookError("description", $"The description must be {Theme.DescriptionLength} characters or fewer");
        }

        var trimmed = name;
        if (themes.Any(t => t.Id != editing && string.Equals(t.Name, trimmed, StringComparison.OrdinalIgnoreCase)))
        {
            return new CodebookError("name", $"There is already a theme called \"{trimmed}\" for this question");
        }

        return null;
    }

    private static string Id(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

public sealed record CodebookError(string Field, string Message);
