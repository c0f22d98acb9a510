using System.Globalization;
using CsvHelper;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SaferBcp.Cms.Audit;
using SaferBcp.Cms.Controllers;
using SaferBcp.Cms.Security;
using SaferBcp.Surveys.Services;

namespace SaferBcp.Surveys.Coding;

/// <summary>
/// Free-text analysis, for Analysts only (the people who may read and export every response anyway): the codebook of
/// each free-text question, the coding screen (one masked answer at a time, themes ticked with the keyboard, "Save and
/// next"), and quotes suggested by one Analyst and approved by another. Every page carries masked text only.
/// </summary>
[Route("admin/surveys/{id}/coding")]
[Authorize(Policy = Permissions.ExportSurveyResponses)]
public sealed class CodingController : AdminControllerBase
{
    private const string Views = "~/Views/SaferBcpSurveysCoding/";
    private readonly SurveyCatalog _catalog;
    private readonly CodebookStore _codebook;
    private readonly AnswerCodingStore _codings;
    private readonly AuditLog _audit;

    public CodingController(SurveyCatalog catalog, CodebookStore codebook, AnswerCodingStore codings, AuditLog audit)
    {
        _catalog = catalog;
        _codebook = codebook;
        _codings = codings;
        _audit = audit;
    }

    [HttpGet("")]
    public async Task<IActionResult> Overview(string id) =>
        await _catalog.FindAsync(id, HttpContext.RequestAborted) is { } survey ? await OverviewPage(survey, null) : NotFound();

    [HttpPost("quotes/{quoteId:int}")]
    public async Task<IActionResult> DecideQuote(string id, int quoteId, [FromForm] string? decision)
    {
        if (await _catalog.FindAsync(id, HttpContext.RequestAborted) is not { } survey)
        {
            return NotFound();
        }

        if (await _codings.DecideAsync(survey, quoteId, decision ?? "", CurrentUserName ?? "", HttpContext.RequestAborted) is { } error)
        {
            return await OverviewPage(survey, error);
        }

        Notice(decision switch
        {
            "approve" => "Quote approved",
            "show" => "The quote will be shown on \u201cYou said, we did\u201d",
            "hide" => "The quote is no longer shown on \u201cYou said, we did\u201d",
            _ => "Quote withdrawn",
        });
        return Redirect($"/admin/surveys/{id}/coding#quotes");
    }

    [HttpGet("themes.csv")]
    public async Task<IActionResult> ExportThemes(string id)
    {
        if (await _catalog.FindAsync(id, HttpContext.RequestAborted) is not { } survey)
        {
            return NotFound();
        }

        var themes = await _codebook.ThemesAsync(id, HttpContext.RequestAborted);
        var uses = await _codebook.UsesAsync(id, HttpContext.RequestAborted);
        var labels = CodebookStore.FreeTextQuestions(survey).ToDictionary(q => q.Id, q => q.Label);
        await _audit.WriteAsync("survey.export.themes", "Survey", id, $"Exported the theme codebook of \"{survey.Title}\" as CSV");
        SecurityHeadersMiddleware.NoStore(Response);
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = new System.Net.Http.Headers.ContentDispositionHeaderValue("attachment") { FileNameStar = $"{survey.Form.Slug}-themes.csv" }.ToString();
        await using var csv = CsvWriter.Create(Response.Body, new CsvWriterOptions { Injection = CsvInjection.Escape, WriteByteOrderMark = true }, leaveOpen: true);
        csv.WriteHeader(["column", "question_id", "question", "theme", "description", "answers"]);
        foreach (var theme in themes)
        {
            foreach (var value in new[] { ThemeColumns.ColumnName(theme), theme.QuestionId, labels.GetValueOrDefault(theme.QuestionId, ""), theme.Name, theme.Description, uses.GetValueOrDefault(theme.Id).ToString(CultureInfo.InvariantCulture) })
            {
                csv.WriteField(value);
            }

            await csv.EndRecordAsync(HttpContext.RequestAborted);
        }

        await csv.FlushAsync(HttpContext.RequestAborted);
        return new EmptyResult();
    }

    [HttpGet("{questionId}/codebook")]
    public async Task<IActionResult> Codebook(string id, string questionId) =>
        await FindAsync(id, questionId) is { } found ? await CodebookPage(found.Survey, found.Question, null, new ThemeForm(null, null, null)) : NotFound();

    [HttpPost("{questionId}/themes")]
    public async Task<IActionResult> AddTheme(string id, string questionId, [FromForm] string? name, [FromForm] string? description)
    {
        if (await FindAsync(id, questionId) is not { } found)
        {
            return NotFound();
        }

        if (await _codebook.AddAsync(id, questionId, name, description, HttpContext.RequestAborted) is { } error)
        {
            return await CodebookPage(found.Survey, found.Question, error, new ThemeForm(null, name, description));
        }

        Notice($"Theme \u201c{name!.Trim()}\u201d added");
        return Redirect($"/admin/surveys/{id}/coding/{questionId}/codebook");
    }

    [HttpPost("{questionId}/themes/{themeId:int}")]
    public async Task<IActionResult> EditTheme(string id, string questionId, int themeId, [FromForm] string? name, [FromForm] string? description)
    {
        if (await FindAsync(id, questionId) is not { } found)
        {
            return NotFound();
        }

        if (await _codebook.EditAsync(id, questionId, themeId, name, description, HttpContext.RequestAborted) is { } error)
        {
            return await CodebookPage(found.Survey, found.Question, error with { Field = $"theme-{themeId}-{error.Field}" }, new ThemeForm(themeId, name, description));
        }

        Notice("Theme saved");
        return Redirect($"/admin/surveys/{id}/coding/{questionId}/codebook");
    }

    [HttpPost("{questionId}/merge")]
    public async Task<IActionResult> MergeThemes(string id, string questionId, [FromForm] int? from, [FromForm] int? into)
    {
        if (await FindAsync(id, questionId) is not { } found)
        {
            return NotFound();
        }

        if (await _codebook.MergeAsync(id, questionId, from ?? 0, into ?? 0, HttpContext.RequestAborted) is { } error)
        {
            return await CodebookPage(found.Survey, found.Question, error, new ThemeForm(null, null, null), from, into);
        }

        Notice("Themes merged");
        return Redirect($"/admin/surveys/{id}/coding/{questionId}/codebook");
    }

    /// <summary>The coding screen: the answer asked for, or the next one not coded yet after <paramref name="after"/>.</summary>
    [HttpGet("{questionId}")]
    public async Task<IActionResult> Code(string id, string questionId, [FromQuery] int? response, [FromQuery] int after = 0) =>
        await FindAsync(id, questionId) is { } found ? await CodingPage(found.Survey, found.Question, response, after, null) : NotFound();

    [HttpPost("{questionId}/{responseId:int}")]
    public async Task<IActionResult> Save(string id, string questionId, int responseId, [FromForm] int[]? themes, [FromForm] bool quote)
    {
        if (await FindAsync(id, questionId) is not { } found)
        {
            return NotFound();
        }

        if (await _codings.SaveAsync(found.Survey, questionId, responseId, themes ?? [], quote, CurrentUserName ?? "", HttpContext.RequestAborted) is { } error)
        {
            return await CodingPage(found.Survey, found.Question, responseId, 0, error);
        }

        return Redirect($"/admin/surveys/{id}/coding/{questionId}?after={responseId.ToString(CultureInfo.InvariantCulture)}");
    }

    private async Task<(SurveyInfo Survey, Forms.Models.FormQuestion Question)?> FindAsync(string id, string questionId) =>
        await _catalog.FindAsync(id, HttpContext.RequestAborted) is { } survey && CodebookStore.FreeTextQuestion(survey, questionId) is { } question
            ? (survey, question)
            : null;

    private async Task<IActionResult> OverviewPage(SurveyInfo survey, string? error)
    {
        var questions = new List<(Forms.Models.FormQuestion, CodingProgress, int)>();
        var themes = await _codebook.ThemesAsync(survey.ContentItemId, HttpContext.RequestAborted);
        foreach (var question in CodebookStore.FreeTextQuestions(survey))
        {
            var screen = await _codings.ScreenAsync(survey, question.Id, -1, int.MaxValue, HttpContext.RequestAborted);
            questions.Add((question, screen.Progress, themes.Count(t => t.QuestionId == question.Id)));
        }

        var quotes = await _codings.QuotesAsync(survey.ContentItemId, approvedOnly: false, HttpContext.RequestAborted);
        SecurityHeadersMiddleware.NoStore(Response);
        ViewData["Title"] = (error is null ? "" : "Error: ") + "Free-text analysis \u2013 " + survey.Title;
        Response.StatusCode = error is null ? 200 : 400;
        return View(Views + "Overview.cshtml", new CodingOverviewModel(survey, questions, quotes, CurrentUserName ?? "", error));
    }

    private async Task<IActionResult> CodebookPage(SurveyInfo survey, Forms.Models.FormQuestion question, CodebookError? error, ThemeForm form, int? from = null, int? into = null)
    {
        var themes = await _codebook.ThemesAsync(survey.ContentItemId, question.Id, HttpContext.RequestAborted);
        var uses = await _codebook.UsesAsync(survey.ContentItemId, HttpContext.RequestAborted);
        SecurityHeadersMiddleware.NoStore(Response);
        ViewData["Title"] = (error is null ? "" : "Error: ") + "Codebook \u2013 " + question.Label;
        Response.StatusCode = error is null ? 200 : 400;
        return View(Views + "Codebook.cshtml", new CodebookModel(survey, question, themes, uses, error, form, from, into));
    }

    private async Task<IActionResult> CodingPage(SurveyInfo survey, Forms.Models.FormQuestion question, int? response, int after, string? error)
    {
        var screen = await _codings.ScreenAsync(survey, question.Id, response, after, HttpContext.RequestAborted);
        var themes = await _codebook.ThemesAsync(survey.ContentItemId, question.Id, HttpContext.RequestAborted);
        SecurityHeadersMiddleware.NoStore(Response);
        ViewData["Title"] = (error is null ? "" : "Error: ") + "Code answers \u2013 " + question.Label;
        Response.StatusCode = error is null ? 200 : 400;
        return View(Views + "Code.cshtml", new CodingModel(survey, question, screen, themes, error));
    }
}

public sealed record CodingOverviewModel(SurveyInfo Survey, IReadOnlyList<(Forms.Models.FormQuestion Question, CodingProgress Progress, int Themes)> Questions, IReadOnlyList<ShownQuote> Quotes, string UserName, string? Error);

/// <summary>What the Analyst typed into a theme form, shown again with the error.</summary>
public sealed record ThemeForm(int? ThemeId, string? Name, string? Description);

public sealed record CodebookModel(SurveyInfo Survey, Forms.Models.FormQuestion Question, IReadOnlyList<Theme> Themes, IReadOnlyDictionary<int, int> Uses, CodebookError? Error, ThemeForm Form, int? From, int? Into);

public sealed record CodingModel(SurveyInfo Survey, Forms.Models.FormQuestion Question, CodingScreen Screen, IReadOnlyList<Theme> Themes, string? Error);
