using SaferBcp.Dataset.Services;

namespace SaferBcp.Surveys.Coding;

/// <summary>
/// Keeps dataset indicators mapped to themes right when the codebook changes: a merged theme's mappings move to the
/// theme it was merged into (a rename needs nothing: mappings hold the theme's id), and the question's mapped figures
/// are worked out again at once. Codings themselves signal <see cref="Services.SurveyIndicatorSignal"/>, like responses.
/// </summary>
public sealed class ThemeMappingFollower
{
    private readonly DatasetStore _dataset;
    private readonly SurveyIndicatorUpdater _updater;

    public ThemeMappingFollower(DatasetStore dataset, SurveyIndicatorUpdater updater)
    {
        _dataset = dataset;
        _updater = updater;
    }

    public async Task MergedAsync(string surveyId, string questionId, Theme from, Theme into, CancellationToken cancellationToken)
    {
        var mappings = await _dataset.ReplaceCountedOptionAsync(surveyId, questionId, ThemeMappingValue.Of(from.Id), ThemeMappingValue.Of(into.Id),
            $"The theme \"{from.Name}\" was merged into \"{into.Name}\"");
        foreach (var mapping in mappings)
        {
            await _updater.UpdateMappingAsync(mapping, cancellationToken);
        }
    }
}
