using SaferBcp.Dataset.Services;
using SaferBcp.Forms.Models;
using SaferBcp.Forms.Services;

namespace SaferBcp.Surveys.Services;

/// <summary>
/// Lists surveys and their questions answered by choosing options (single and multiple choice, select, yes/no, scale)
/// for the dataset's mapping pages. Contact questions are left out: their answers are never stored with the responses.
/// </summary>
public sealed class SurveyQuestionDirectory : ISurveyQuestionDirectory
{
    private readonly SurveyCatalog _catalog;

    public SurveyQuestionDirectory(SurveyCatalog catalog) => _catalog = catalog;

    public static bool IsMappable(FormQuestion question) =>
        (FormFields.IsChoice(question.Type) || question.Type == QuestionType.Scale)
        && !(question.Tag is not null && SurveySubmissionHandler.ContactTags.Contains(question.Tag));

    public async Task<IReadOnlyList<MappableSurvey>> SurveysAsync(CancellationToken cancellationToken) =>
        (await _catalog.AllAsync(cancellationToken)).Select(s => new MappableSurvey(
            s.ContentItemId,
            s.Title,
            s.Status.ToString(),
            s.Form.Pages.SelectMany(p => p.Questions).Where(IsMappable)
                .Select(q => new MappableQuestion(q.Id, q.Label, q.Type == QuestionType.MultipleChoice, FormFields.Options(q).Select(o => new MappableOption(o.Value, o.Label)).ToList()))
                .ToList())).ToList();
}
