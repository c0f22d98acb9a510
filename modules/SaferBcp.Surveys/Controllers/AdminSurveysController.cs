using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SaferBcp.Cms.Audit;
using SaferBcp.Cms.Controllers;
using SaferBcp.Cms.Security;
using SaferBcp.Forms.Services;
using SaferBcp.Surveys.Coding;
using SaferBcp.Surveys.Models;
using SaferBcp.Surveys.Services;

namespace SaferBcp.Surveys.Controllers;

/// <summary>
/// Surveys in the back office: the list with response counts, one survey's page, and for Analysts only (each audited):
/// the latest responses, a single raw response, the streamed exports and the contact details people left. Editors
/// see the survey's page without any response: only the results, with small numbers hidden.
/// </summary>
[Route("admin/surveys")]
public sealed class AdminSurveysController : AdminControllerBase
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private readonly SurveyCatalog _catalog;
    private readonly SurveyResponseStore _responses;
    private readonly AuditLog _audit;
    private readonly IAuthorizationService _authorization;
    private readonly SurveysDbContext _db;
    private readonly SurveyProtector _protector;
    private readonly CodebookStore _codebook;
    private readonly AnswerCodingStore _codings;

    public AdminSurveysController(SurveyCatalog catalog, SurveyResponseStore responses, AuditLog audit, IAuthorizationService authorization, SurveysDbContext db, SurveyProtector protector, CodebookStore codebook, AnswerCodingStore codings)
    {
        _codebook = codebook;
        _codings = codings;
        _catalog = catalog;
        _responses = responses;
        _audit = audit;
        _authorization = authorization;
        _db = db;
        _protector = protector;
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

        // Single rows are for Analysts, who may export them anyway; Editors see the results, with small numbers hidden.
        var analyst = await IsAnalystAsync();
        var latest = analyst ? await _responses.LatestAsync(id, 50, HttpContext.RequestAborted) : [];
        var model = new SurveyAdminModel(
            survey,
            await _responses.CountAsync(id, HttpContext.RequestAborted),
            layout,
            latest.Select(r => (r, layout.Row(r))).ToList(),
            analyst ? await _db.Contacts.CountAsync(c => c.SurveyContentItemId == id, HttpContext.RequestAborted) : null);
        if (analyst)
        {
            SecurityHeadersMiddleware.NoStore(Response);
        }

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

    /// <summary>The contact details people left, decrypted only when an Analyst asks (a POST), and each showing audited.</summary>
    [HttpPost("{id}/contacts")]
    [Authorize(Policy = Permissions.ExportSurveyResponses)]
    public async Task<IActionResult> Contacts(string id)
    {
        if (await _catalog.FindAsync(id, HttpContext.RequestAborted) is not { } survey)
        {
            return NotFound();
        }

        var stored = await _db.Contacts.AsNoTracking().Where(c => c.SurveyContentItemId == id).OrderBy(c => c.ReceivedOn).ThenBy(c => c.Id).ToListAsync(HttpContext.RequestAborted);
        await _audit.WriteAsync("survey.contacts.viewed", "Survey", id, $"Showed the contact details left in \"{survey.Title}\" ({stored.Count})");
        var contacts = stored.Select(c => new ShownContact(c.ReceivedOn, c.ProtectedDetails is { } details ? _protector.UnprotectContact(details) : new ContactDetails(c.LegacyName, c.LegacyEmail, c.LegacyPhone))).ToList();
        SecurityHeadersMiddleware.NoStore(Response);
        ViewData["Title"] = "Contact details \u2013 " + survey.Title;
        return View("~/Views/SaferBcpSurveysAdmin/Contacts.cshtml", new SurveyContactsModel(survey, contacts));
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
        await _responses.WriteCsvAsync(Response.Body, id, new SurveyExportLayout(survey.Form, await ThemesAsync(id)), HttpContext.RequestAborted);
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
        await SurveyResponseStore.WriteCodebookCsvAsync(Response.Body, new SurveyExportLayout(survey.Form, await ThemesAsync(id)), HttpContext.RequestAborted);
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
        await _responses.WriteXlsxAsync(file, id, new SurveyExportLayout(survey.Form, await ThemesAsync(id)), HttpContext.RequestAborted);
        file.Position = 0;
        SecurityHeadersMiddleware.NoStore(Response);
        return File(file, XlsxType, $"{survey.Form.Slug}-responses.xlsx");
    }

    private Task<ThemeColumns> ThemesAsync(string id) => ThemeColumns.LoadAsync(id, _codebook, _codings, HttpContext.RequestAborted);

    private async Task<bool> IsAnalystAsync() => (await _authorization.AuthorizeAsync(User, Permissions.ExportSurveyResponses)).Succeeded;

    private void PrepareDownload(string contentType, string fileName)
    {
        SecurityHeadersMiddleware.NoStore(Response);
        Response.ContentType = contentType;
        Response.Headers.ContentDisposition = new System.Net.Http.Headers.ContentDispositionHeaderValue("attachment") { FileNameStar = fileName }.ToString();
    }
}

public sealed record SurveyRow(SurveyInfo Survey, int Responses);

/// <param name="Contacts">How many contacts are held; null for readers who may not see them.</param>
public sealed record SurveyAdminModel(SurveyInfo Survey, int Responses, SurveyExportLayout Layout, IReadOnlyList<(SurveyResponse Response, IReadOnlyList<object?> Values)> Latest, int? Contacts);

public sealed record ShownContact(DateOnly Month, ContactDetails Details);

public sealed record SurveyContactsModel(SurveyInfo Survey, IReadOnlyList<ShownContact> Contacts);

public sealed record SurveyResponseModel(SurveyInfo Survey, SurveyResponse Response, IReadOnlyList<FormAnswerRow> Rows);
