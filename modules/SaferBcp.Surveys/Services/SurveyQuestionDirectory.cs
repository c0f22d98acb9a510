using SaferBcp.Dataset.Services;
using SaferBcp.Forms.Models;
using SaferBcp.Forms.Services;
using SaferBcp.Surveys.Coding;

namespace SaferBcp.Surveys.Services;

/// <summary>
/// Lists surveys and their questions answered by choosing options (single and multiple choice, select, yes/no, scale)
/// for the dataset's mapping pages, and the free-text questions that have a codebook, with their themes as the options
/// (<see cref="ThemeMappingValue"/>). Contact questions are left out: their answers are never stored with the responses.
/// </summary>
public sealed class SurveyQuestionDirectory : ISurveyQuestionDirectory
{
    private readonly SurveyCatalog _catalog;
    private readonly CodebookStore _codebook;

    public SurveyQuestionDirectory(SurveyCatalog catalog, CodebookStore codebook)
    {
        _catalog = catalog;
        _codebook = codebook;
    }

    public static bool IsMappable(FormQuestion question) =>
        (FormFields.IsChoice(question.Type) || question.Type == QuestionType.Scale)
        && !(question.Tag is not null && SurveySubmissionHandler.ContactTags.Contains(question.Tag));

    public async Task<IReadOnlyList<MappableSurvey>> SurveysAsync(CancellationToken cancellationToken)
    {
        var surveys = new List<MappableSurvey>();
        foreach (var s in await _catalog.AllAsync(cancellationToken))
        {
            var questions = s.Form.Pages.SelectMany(p => p.Questions).Where(IsMappable)
                .Select(q => new MappableQuestion(q.Id, q.Label, q.Type == QuestionType.MultipleChoice, FormFields.Options(q).Select(o => new MappableOption(o.Value, o.Label)).ToList()))
                .ToList();
            var themes = (await _codebook.ThemesAsync(s.ContentItemId, cancellationToken)).ToLookup(t => t.QuestionId, StringComparer.Ordinal);
            questions.AddRange(CodebookStore.FreeTextQuestions(s).Where(q => themes[q.Id].Any())
                .Select(q => new MappableQuestion(q.Id, q.Label, true, themes[q.Id].Select(t => new MappableOption(ThemeMappingValue.Of(t.Id), t.Name)).ToList(), CodedThemes: true)));
            surveys.Add(new MappableSurvey(s.ContentItemId, s.Title, s.Status.ToString(), questions));
        }

        return surveys;
    }
}
