using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SaferBcp.Cms.Controllers;
using SaferBcp.Dataset.Services;
using SaferBcp.Surveys.Assisted;
using SaferBcp.Surveys.Coding;
using SaferBcp.Surveys.Services;
using SaferBcp.Surveys.Services.Results;

namespace SaferBcp.Surveys.Controllers;

/// <summary>
/// A survey's results for Analysts and Editors: counts, percentages and charts per question. Analysts, who may export
/// the responses anyway, see exact counts, and may filter by area and age band (the questions tagged "area" and
/// "age-band") and cross-tabulate two choice questions. Everyone else sees one set of tables, small counts hidden,
/// and no filter or cross-tab: a filtered table is a part of the whole one, so comparing the two would give back a
/// hidden count by subtraction (differencing), whatever each table hides on its own.
/// </summary>
[Route("admin/surveys/{id}/results")]
public sealed class AdminSurveyResultsController : AdminControllerBase
{
    public const string AreaTag = "area";
    public const string AgeBandTag = "age-band";

    private readonly SurveyCatalog _catalog;
    private readonly SurveyResponseStore _responses;
    private readonly SurveyResultsCache _cache;
    private readonly IAuthorizationService _authorization;
    private readonly DatasetOptions _options;
    private readonly CodebookStore _codebook;
    private readonly AnswerCodingStore _codings;

    public AdminSurveyResultsController(SurveyCatalog catalog, SurveyResponseStore responses, SurveyResultsCache cache, IAuthorizationService authorization, IOptions<DatasetOptions> options, CodebookStore codebook, AnswerCodingStore codings)
    {
        _codebook = codebook;
        _codings = codings;
        _catalog = catalog;
        _responses = responses;
        _cache = cache;
        _authorization = authorization;
        _options = options.Value;
    }

    [HttpGet("")]
    [Authorize(Policy = Permissions.ViewSurveyResponses)]
    public async Task<IActionResult> Results(string id, [FromQuery] string? area, [FromQuery(Name = "age")] string? ageBand, [FromQuery] string? rows, [FromQuery] string? columns, [FromQuery] string? how, [FromQuery(Name = ThemeResultsSection.FilterName)] int? theme)
    {
        if (await _catalog.FindAsync(id, HttpContext.RequestAborted) is not { } survey)
        {
            return NotFound();
        }

        var exact = (await _authorization.AuthorizeAsync(User, Permissions.ExportSurveyResponses)).Succeeded;
        var asked = new[] { area, ageBand, rows, columns, how }.Any(v => !string.IsNullOrEmpty(v)) || theme is not null;
        if (!exact)
        {
            (area, ageBand, rows, columns, how) = (null, null, null, null, null);
        }

        var snapshot = await _cache.GetAsync(survey, _responses, HttpContext.RequestAborted);
        var matrix = snapshot.Matrix;
        var errors = new List<ResultsError>();
        var filterFields = new List<ResultsFilterField>();
        var filters = new List<ResultsFilter>();
        foreach (var (name, tag, noun, value) in new[] { ("area", AreaTag, "an area", area), ("age", AgeBandTag, "an age band", ageBand) })
        {
            if (!exact || matrix.Tagged(tag) is not { } column)
            {
                continue;
            }

            filterFields.Add(new ResultsFilterField(name, column, value));
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            var index = column.OptionIndex(value);
            if (index < 0)
            {
                errors.Add(new ResultsError(name, $"Choose {noun} from the list"));
            }
            else
            {
                filters.Add(new ResultsFilter(column, index));
            }
        }

        var themes = await ThemeResultsSection.LoadAsync(survey, _codebook, _codings, exact, theme, HttpContext.RequestAborted);
        if (themes.Error is { } themeError)
        {
            errors.Add(new ResultsError(ThemeResultsSection.FilterName, themeError));
        }

        var threshold = _options.SuppressionThreshold;
        var selection = ResultsCalculator.Select(snapshot, filters);
        var howField = exact ? new AssistedResultsFilterField(how, string.IsNullOrEmpty(how) || AssistedResultsFilter.IsKnown(how) ? null : "Choose how the response was given from the list") : null;
        if (howField?.Error is { } howError)
        {
            errors.Add(new ResultsError(AssistedResultsFilterField.Name, howError));
        }
        else if (!string.IsNullOrEmpty(how))
        {
            selection = AssistedResultsFilter.Narrow(snapshot, selection, how);
        }

        selection = themes.Restrict(snapshot, selection);
        themes.Present(snapshot, selection, exact, threshold);
        var view = ResultsPresenter.Present(ResultsCalculator.Tally(snapshot, selection), selection.Count, exact, threshold);

        var choices = exact ? matrix.Columns.Where(c => c.IsSingleChoice && c.Options.Count > 0).ToList() : [];
        ResultTable? crossTab = null;
        if (!string.IsNullOrEmpty(rows) || !string.IsNullOrEmpty(columns))
        {
            var rowColumn = choices.FirstOrDefault(c => c.Id == rows);
            var columnColumn = choices.FirstOrDefault(c => c.Id == columns);
            if (rowColumn is null)
            {
                errors.Add(new ResultsError("rows", "Choose a question for the rows"));
            }

            if (columnColumn is null)
            {
                errors.Add(new ResultsError("columns", "Choose a question for the columns"));
            }
            else if (rowColumn == columnColumn)
            {
                errors.Add(new ResultsError("columns", "Choose a different question for the columns from the one for the rows"));
            }
            else if (rowColumn is not null)
            {
                crossTab = ResultsPresenter.CrossTab(ResultsCalculator.CrossTab(snapshot, rowColumn, columnColumn, selection), exact, threshold);
            }
        }

        ViewData["Title"] = (errors.Count > 0 ? "Error: " : "") + "Results \u2013 " + survey.Title;
        return View("~/Views/SaferBcpSurveysResults/Admin.cshtml", new SurveyResultsAdminModel(survey, view, filterFields, filters.Count > 0 || selection.Selected is not null || themes.Selected is not null, choices, rows, columns, crossTab, errors, !exact && asked, howField, themes));
    }
}

public sealed record ResultsError(string Field, string Message);

public sealed record ResultsFilterField(string Name, MatrixColumn Column, string? Selected);

public sealed record SurveyResultsAdminModel(
    SurveyInfo Survey,
    ResultsView Results,
    IReadOnlyList<ResultsFilterField> Filters,
    bool Filtered,
    IReadOnlyList<MatrixColumn> CrossTabQuestions,
    string? Rows,
    string? Columns,
    ResultTable? CrossTab,
    IReadOnlyList<ResultsError> Errors,
    bool FiltersRefused = false,
    AssistedResultsFilterField? How = null,
    ThemeResultsSection? Themes = null)
{
    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;
}
