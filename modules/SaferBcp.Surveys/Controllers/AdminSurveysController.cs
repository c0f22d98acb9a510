using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SaferBcp.Cms.Audit;
using SaferBcp.Cms.Controllers;
using SaferBcp.Cms.Security;
using SaferBcp.Forms.Services;
using SaferBcp.Surveys.Models;
using SaferBcp.Surveys.Services;

namespace SaferBcp.Surveys.Controllers;

/// <summary>
/// Surveys in the back office: the list with response counts, one survey's page, a single raw response
/// (Analysts only, audited) and the streamed exports (Analysts only, audited).
/// </summary>
[Route("admin/surveys")]
public sealed class AdminSurveysController : AdminControllerBase
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private readonly SurveyCatalog _catalog;
    private readonly SurveyResponseStore _responses;
    private readonly AuditLog _audit;

    public AdminSurveysController(SurveyCatalog catalog, SurveyResponseStore responses, AuditLog audit)
    {
        _catalog = catalog;
        _responses = responses;
        _audit = audit;
    }

    [HttpGet("")]
    [Authorize(Policy = Permissions.ViewSurveyResponses)]
    public async Task<IActionResult> Index()
    {
        var counts = await _responses.CountsAsync(HttpContext.RequestAborted);
        var rows = (await _catalog.AllAsync(HttpContext.RequestAborted)).Select(s => new SurveyRow(s, counts.GetValueOrDefault(s.ContentItemId))).ToList();
        ViewData["Title"] = "Surveys";
        return View("~/Views/SaferBcpSurveysAdmin/Index.cshtml", rows);
    }

    [HttpGet("{id}")]
    [Authorize(Policy = Permissions.ViewSurveyResponses)]
    public async Task<IActionResult> Survey(string id)
    {
        if (await _catalog.FindAsync(id, HttpContext.RequestAborted) is not { } survey)
        {
            return NotFound();
        }

        var layout = new SurveyExportLayout(survey.Form);
        var latest = await _responses.LatestAsync(id, 50, HttpContext.RequestAborted);
        var model = new SurveyAdminModel(
            survey,
            await _responses.CountAsync(id, HttpContext.RequestAborted),
            layout,
            latest.Select(r => (r, layout.Row(r))).ToList());
        ViewData["Title"] = survey.Title;
        return View("~/Views/SaferBcpSurveysAdmin/Survey.cshtml", model);
    }

    [HttpGet("{id}/responses/{responseId:int}")]
    [Authorize(Policy = Permissions.ExportSurveyResponses)]
    public async Task<IActionResult> SingleResponse(string id, int responseId)
    {
        if (await _catalog.FindAsync(id, HttpContext.RequestAborted) is not { } survey || await _responses.FindAsync(id, responseId, HttpContext.RequestAborted) is not { } response)
        {
            return NotFound();
        }

        SecurityHeadersMiddleware.NoStore(Response);
        await _audit.WriteAsync("survey.response.viewed", "SurveyResponse", response.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Opened response {response.Id} to \"{survey.Title}\" unmasked");
        var answers = JsonSerializer.Deserialize<Dictionary<string, List<string>>>(response.AnswersJson) ?? [];
        var rows = FormAnswerDisplay.RouteRows(survey.Form, new Forms.Models.FormAnswers { Values = answers });
        ViewData["Title"] = $"Response {response.Id} \u2013 {survey.Title}";
        return View("~/Views/SaferBcpSurveysAdmin/Response.cshtml", new SurveyResponseModel(survey, response, rows));
    }

    [HttpGet("{id}/responses.csv")]
    [Authorize(Policy = Permissions.ExportSurveyResponses)]
    public async Task<IActionResult> ExportCsv(string id)
    {
        if (await _catalog.FindAsync(id, HttpContext.RequestAborted) is not { } survey)
        {
            return NotFound();
        }

        await _audit.WriteAsync("survey.export.csv", "Survey", id, $"Exported the responses to \"{survey.Title}\" as CSV");
        PrepareDownload("text/csv; charset=utf-8", $"{survey.Form.Slug}-responses.csv");
        await _responses.WriteCsvAsync(Response.Body, id, new SurveyExportLayout(survey.Form), HttpContext.RequestAborted);
        return new EmptyResult();
    }

    [HttpGet("{id}/codebook.csv")]
    [Authorize(Policy = Permissions.ExportSurveyResponses)]
    public async Task<IActionResult> ExportCodebook(string id)
    {
        if (await _catalog.FindAsync(id, HttpContext.RequestAborted) is not { } survey)
        {
            return NotFound();
        }

        await _audit.WriteAsync("survey.export.codebook", "Survey", id, $"Exported the codebook of \"{survey.Title}\" as CSV");
        PrepareDownload("text/csv; charset=utf-8", $"{survey.Form.Slug}-codebook.csv");
        await SurveyResponseStore.WriteCodebookCsvAsync(Response.Body, new SurveyExportLayout(survey.Form), HttpContext.RequestAborted);
        return new EmptyResult();
    }

    [HttpGet("{id}/responses.xlsx")]
    [Authorize(Policy = Permissions.ExportSurveyResponses)]
    public async Task<IActionResult> ExportXlsx(string id)
    {
        if (await _catalog.FindAsync(id, HttpContext.RequestAborted) is not { } survey)
        {
            return NotFound();
        }

        await _audit.WriteAsync("survey.export.xlsx", "Survey", id, $"Exported the responses to \"{survey.Title}\" as XLSX");

        // A workbook is a zip whose writer needs to seek: it is built in a temporary file (deleted when closed),
        // never in memory, then streamed.
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await _responses.WriteXlsxAsync(file, id, new SurveyExportLayout(survey.Form), HttpContext.RequestAborted);
        file.Position = 0;
        SecurityHeadersMiddleware.NoStore(Response);
        return File(file, XlsxType, $"{survey.Form.Slug}-responses.xlsx");
    }

    private void PrepareDownload(string contentType, string fileName)
    {
        SecurityHeadersMiddleware.NoStore(Response);
        Response.ContentType = contentType;
        Response.Headers.ContentDisposition = new System.Net.Http.Headers.ContentDispositionHeaderValue("attachment") { FileNameStar = fileName }.ToString();
    }
}

public sealed record SurveyRow(SurveyInfo Survey, int Responses);

public sealed record SurveyAdminModel(SurveyInfo Survey, int Responses, SurveyExportLayout Layout, IReadOnlyList<(SurveyResponse Response, IReadOnlyList<object?> Values)> Latest);

public sealed record SurveyResponseModel(SurveyInfo Survey, SurveyResponse Response, IReadOnlyList<FormAnswerRow> Rows);
