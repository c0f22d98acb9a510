using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SaferBcp.Cms.Controllers;
using SaferBcp.Dataset.Models;
using SaferBcp.Dataset.Services;

namespace SaferBcp.Dataset.Controllers;

/// <summary>
/// Sets where a survey-mapped indicator's figures come from, in two steps that work without JavaScript: choose the
/// survey, then the question and the answers that count. Saving is audited and works the figures out again.
/// </summary>
[Route("admin/dataset/{id:int}/mapping")]
public sealed class AdminSurveyMappingController : AdminControllerBase
{
    private readonly DatasetStore _store;
    private readonly SurveyIndicatorUpdater _updater;
    private readonly IEnumerable<ISurveyQuestionDirectory> _directories;

    public AdminSurveyMappingController(DatasetStore store, SurveyIndicatorUpdater updater, IEnumerable<ISurveyQuestionDirectory> directories)
    {
        _store = store;
        _updater = updater;
        _directories = directories;
    }

    [HttpGet("")]
    [Authorize(Policy = Permissions.ManageDataset)]
    public async Task<IActionResult> ChooseSurvey(int id)
    {
        if (await MappedIndicatorAsync(id) is not { } indicator)
        {
            return NotFound();
        }

        var mapping = await _store.SurveyMappingAsync(id);
        return SurveyPage(indicator, await SurveysAsync(), mapping?.SurveyFormId, null);
    }

    [HttpGet("question")]
    [Authorize(Policy = Permissions.ManageDataset)]
    public async Task<IActionResult> ChooseQuestion(int id, string? survey)
    {
        if (await MappedIndicatorAsync(id) is not { } indicator)
        {
            return NotFound();
        }

        var surveys = await SurveysAsync();
        if (SurveyProblem(surveys, survey) is { } problem)
        {
            return SurveyPage(indicator, surveys, survey, problem);
        }

        var mapping = await _store.SurveyMappingAsync(id);
        var same = mapping?.SurveyFormId == survey;
        return QuestionPage(indicator, surveys.First(s => s.Id == survey), same ? mapping!.QuestionId : null, same ? mapping!.CountedOptions() : [], new Dictionary<string, string>());
    }

    [HttpPost("")]
    [Authorize(Policy = Permissions.ManageDataset)]
    public async Task<IActionResult> Save(int id, string? survey, string? question, string[]? counted)
    {
        if (await MappedIndicatorAsync(id) is not { } indicator)
        {
            return NotFound();
        }

        var surveys = await SurveysAsync();
        if (SurveyProblem(surveys, survey) is { } problem)
        {
            return SurveyPage(indicator, surveys, survey, problem);
        }

        var chosenSurvey = surveys.First(s => s.Id == survey);
        var chosenQuestion = chosenSurvey.Questions.FirstOrDefault(q => q.Id == question);
        // Each box is "{question id}:{option value}": only the chosen question's boxes count.
        var prefix = question + ":";
        var ticked = string.IsNullOrEmpty(question) ? [] : (counted ?? []).Where(c => c.StartsWith(prefix, StringComparison.Ordinal)).Select(c => c[prefix.Length..]).Distinct(StringComparer.Ordinal).ToList();
        var errors = new Dictionary<string, string>();
        if (chosenQuestion is null)
        {
            errors["question"] = "Select the question whose answers are counted";
        }
        else if (ticked.Count == 0)
        {
            errors[$"counted-{chosenQuestion.Id}"] = chosenQuestion.CodedThemes ? "Select at least one theme to count" : "Select at least one answer to count";
        }
        else if (ticked.Any(v => chosenQuestion.Options.All(o => o.Value != v)))
        {
            errors[$"counted-{chosenQuestion.Id}"] = chosenQuestion.CodedThemes
                ? "One of the themes you selected is no longer in the codebook (it may have been merged or removed). Select the themes again"
                : "Select answers from the list for this question";
        }
        else if (!chosenQuestion.CodedThemes && chosenQuestion.Options.All(o => ticked.Contains(o.Value)))
        {
            errors[$"counted-{chosenQuestion.Id}"] = "Do not select every answer: the figure would always be 100%";
        }

        if (errors.Count > 0)
        {
            Response.StatusCode = 400;
            return QuestionPage(indicator, chosenSurvey, question, ticked, errors);
        }

        var ordered = chosenQuestion!.Options.Select(o => o.Value).Where(ticked.Contains).ToList();
        var mapping = await _store.SaveSurveyMappingAsync(indicator, chosenSurvey.Id, chosenQuestion.Id, ordered, $"Set by {CurrentUserName ?? "unknown"}");
        var changed = await _updater.UpdateMappingAsync(mapping, HttpContext.RequestAborted);
        Notice($"The survey mapping was saved and the figures worked out again from the answers ({changed} figures added, changed or removed)");
        return Redirect($"/admin/dataset/{id}");
    }

    private async Task<Indicator?> MappedIndicatorAsync(int id) =>
        await _store.IndicatorAsync(id) is { Source: IndicatorSource.SurveyMapping } indicator ? indicator : null;

    private async Task<IReadOnlyList<MappableSurvey>> SurveysAsync()
    {
        var surveys = new List<MappableSurvey>();
        foreach (var directory in _directories)
        {
            surveys.AddRange(await directory.SurveysAsync(HttpContext.RequestAborted));
        }

        return surveys;
    }

    private static string? SurveyProblem(IReadOnlyList<MappableSurvey> surveys, string? survey) =>
        surveys.FirstOrDefault(s => s.Id == survey) switch
        {
            null => "Select the survey the figures come from",
            { Questions.Count: 0 } => "This survey has no questions with answers to choose from. Select another survey",
            _ => null,
        };

    private ViewResult SurveyPage(Indicator indicator, IReadOnlyList<MappableSurvey> surveys, string? chosen, string? error)
    {
        if (error is not null)
        {
            Response.StatusCode = 400;
        }

        ViewData["Title"] = (error is null ? "" : "Error: ") + $"Choose the survey for {indicator.Name}";
        return View("~/Views/DatasetAdmin/MappingSurvey.cshtml", new MappingSurveyModel(indicator, surveys, chosen, error));
    }

    private ViewResult QuestionPage(Indicator indicator, MappableSurvey survey, string? question, IReadOnlyList<string> counted, Dictionary<string, string> errors)
    {
        ViewData["Title"] = (errors.Count == 0 ? "" : "Error: ") + $"Choose the question for {indicator.Name}";
        return View("~/Views/DatasetAdmin/MappingQuestion.cshtml", new MappingQuestionModel(indicator, survey, question, counted, errors));
    }
}

public sealed record MappingSurveyModel(Indicator Indicator, IReadOnlyList<MappableSurvey> Surveys, string? Chosen, string? Error);

public sealed record MappingQuestionModel(Indicator Indicator, MappableSurvey Survey, string? Question, IReadOnlyList<string> Counted, IReadOnlyDictionary<string, string> Errors);
