using SaferBcp.Surveys.Services;
using SaferBcp.Surveys.Services.Results;

namespace SaferBcp.Surveys.Coding;

/// <summary>
/// The themes on a survey's results page: the theme filter (Analysts only, like every filter: see
/// <c>AdminSurveyResultsController</c>) and the theme tables. Loaded once per request.
/// </summary>
public sealed class ThemeResultsSection
{
    public const string FilterName = "theme";

    public static readonly ThemeResultsSection None = new([], [], new SurveyCodings(new HashSet<(int, string)>(), new Dictionary<int, HashSet<int>>()), null, null);

    private ThemeResultsSection(IReadOnlyList<Theme> themes, IReadOnlyList<Forms.Models.FormQuestion> questions, SurveyCodings codings, Theme? selected, string? error)
    {
        Themes = themes;
        Questions = questions;
        Codings = codings;
        Selected = selected;
        Error = error;
    }

    /// <summary>The themes offered as a filter: empty for readers who may not filter.</summary>
    public IReadOnlyList<Theme> FilterThemes { get; private set; } = [];

    public IReadOnlyList<Theme> Themes { get; }

    public IReadOnlyList<Forms.Models.FormQuestion> Questions { get; }

    public SurveyCodings Codings { get; }

    public Theme? Selected { get; }

    public string? Error { get; }

    public IReadOnlyList<ThemeQuestionResults> Results { get; private set; } = [];

    public static async Task<ThemeResultsSection> LoadAsync(SurveyInfo survey, CodebookStore codebook, AnswerCodingStore codings, bool mayFilter, int? theme, CancellationToken cancellationToken)
    {
        var themes = await codebook.ThemesAsync(survey.ContentItemId, cancellationToken);
        if (themes.Count == 0)
        {
            return None;
        }

        var selected = mayFilter && theme is { } id ? themes.FirstOrDefault(t => t.Id == id) : null;
        var error = mayFilter && theme is not null && selected is null ? "Choose a theme from the list" : null;
        return new ThemeResultsSection(themes, CodebookStore.FreeTextQuestions(survey), await codings.CodingsAsync(survey.ContentItemId, cancellationToken), selected, error)
        {
            FilterThemes = mayFilter ? themes : [],
        };
    }

    /// <summary>The rows that also carry the chosen theme (all of them when none is chosen).</summary>
    public RowSelection Restrict(MatrixSnapshot snapshot, RowSelection selection)
    {
        if (Selected is null)
        {
            return selection;
        }

        var ids = Codings.ByTheme.GetValueOrDefault(Selected.Id) ?? [];
        var selected = new bool[snapshot.Count];
        var count = 0;
        for (var row = 0; row < selected.Length; row++)
        {
            selected[row] = (selection.Selected is null || selection.Selected[row]) && ids.Contains(snapshot.Ids[row]);
            count += selected[row] ? 1 : 0;
        }

        return new RowSelection(selected, count);
    }

    public void Present(MatrixSnapshot snapshot, RowSelection selection, bool exact, int threshold) =>
        Results = ThemeResults.Present(snapshot, selection, Questions, Themes, Codings, exact, threshold);
}
