namespace SaferBcp.Surveys.Coding;

/// <summary>
/// The theme columns of the CSV and XLSX exports, one per theme after the survey's own columns: 1 when the answer
/// was coded with the theme, 0 when it was coded without it, empty when it is not coded yet.
/// </summary>
public sealed class ThemeColumns
{
    public ThemeColumns(IReadOnlyList<Theme> themes, SurveyCodings codings)
    {
        Themes = themes;
        Codings = codings;
    }

    public IReadOnlyList<Theme> Themes { get; }

    public SurveyCodings Codings { get; }

    /// <summary>A theme column of an export: its codings come from analysts, so a paper batch may carry it but it is not imported.</summary>
    public static bool IsThemeColumn(string name) => name.StartsWith("theme_", StringComparison.Ordinal);

    public static string ColumnName(Theme theme) => $"theme_{theme.QuestionId}_{theme.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public const string ColumnType = "Theme (1 = coded with this theme, 0 = coded without it, empty = not coded yet)";

    public static async Task<ThemeColumns> LoadAsync(string surveyId, CodebookStore codebook, AnswerCodingStore codings, CancellationToken cancellationToken) =>
        new(await codebook.ThemesAsync(surveyId, cancellationToken), await codings.CodingsAsync(surveyId, cancellationToken));
}
