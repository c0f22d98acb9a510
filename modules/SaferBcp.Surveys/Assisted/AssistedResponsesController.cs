using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using SaferBcp.Cms.Controllers;
using SaferBcp.Forms.Services;
using SaferBcp.Surveys.Models;
using SaferBcp.Surveys.Services;

namespace SaferBcp.Surveys.Assisted;

/// <summary>
/// Entering responses for someone: open a survey in assisted mode (the public pages, answered with the person; see
/// <see cref="AssistedTickets"/>), or import a CSV of paper responses in the export's columns (<see cref="PaperBatchReader"/>).
/// </summary>
[Route("admin/surveys")]
[Authorize(Policy = Permissions.EnterResponses)]
public sealed class AssistedResponsesController : AdminControllerBase
{
    public const long MaxPaperFile = 2 * 1024 * 1024;
    private readonly SurveyCatalog _catalog;

    public AssistedResponsesController(SurveyCatalog catalog) => _catalog = catalog;

    [HttpGet("assisted")]
    public async Task<IActionResult> Surveys()
    {
        ViewData["Title"] = "Enter responses for someone";
        var surveys = (await _catalog.AllAsync(HttpContext.RequestAborted)).Where(s => s.Published && s.Status is SurveyStatus.Open or SurveyStatus.Closed).ToList();
        return View("~/Views/SaferBcpSurveysAssisted/Surveys.cshtml", surveys);
    }

    [HttpGet("{id}/assisted")]
    public async Task<IActionResult> Entry(string id, string? sent)
    {
        if (await _catalog.FindAsync(id, HttpContext.RequestAborted) is not { Published: true } survey)
        {
            return NotFound();
        }

        if (AssistedChannel.IsKnown(sent))
        {
            ViewData["Sent"] = true;
        }

        return EntryView(new AssistedEntryModel(survey, null, null, new Dictionary<string, string>(), []));
    }

    [HttpPost("{id}/assisted")]
    public async Task<IActionResult> Start(string id, string? channel, string? organisation, [FromServices] AssistedTickets tickets, [FromServices] FormSessionStore sessions)
    {
        if (await _catalog.FindAsync(id, HttpContext.RequestAborted) is not { Published: true } survey)
        {
            return NotFound();
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!survey.AcceptsResponses)
        {
            errors["channel"] = SurveySchedule.RefusalMessage(survey.Status, survey.Survey) + ". Responses can be entered only while it is open; a file of paper responses can still be imported";
        }
        else if (!AssistedChannel.IsKnown(channel))
        {
            errors["channel"] = "Select how the person is answering";
        }

        organisation = organisation?.Trim();
        if (organisation is { Length: > AssistedMarks.OrganisationMaxLength })
        {
            errors["organisation"] = $"The organisation must be {AssistedMarks.OrganisationMaxLength} characters or fewer";
        }

        if (errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return EntryView(new AssistedEntryModel(survey, channel, organisation, errors, []));
        }

        await tickets.StartAsync(HttpContext, sessions, survey, channel!, organisation, HttpContext.RequestAborted);
        return Redirect(survey.Url + "/" + new FormJourney(survey.Form).FirstPage!.Id);
    }

    [HttpPost("{id}/assisted/import")]
    [RequestSizeLimit(MaxPaperFile + 65536)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxPaperFile + 65536)]
    public async Task<IActionResult> Import(string id, IFormFile? file, [FromServices] PaperBatchReader reader, [FromServices] PaperBatchImporter importer)
    {
        if (await _catalog.FindAsync(id, HttpContext.RequestAborted) is not { Published: true } survey)
        {
            return NotFound();
        }

        IReadOnlyList<PaperProblem> problems;
        if (survey.Status is not (SurveyStatus.Open or SurveyStatus.Closed))
        {
            problems = [new PaperProblem(0, "", SurveySchedule.RefusalMessage(survey.Status, survey.Survey) + ". Paper responses can be imported once it has opened, and until it is archived")];
        }
        else if (file is null || file.Length == 0)
        {
            problems = [new PaperProblem(0, "", "Select a CSV file of paper responses")];
        }
        else if (file.Length > MaxPaperFile)
        {
            problems = [new PaperProblem(0, "", "The file must be smaller than 2MB. Split the responses into several files")];
        }
        else
        {
            using var text = new StreamReader(file.OpenReadStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            var check = reader.Read(text, survey, _catalog.Today);
            problems = await importer.ImportAsync(survey, check, CancellationToken.None);
            if (problems.Count == 0)
            {
                Notice($"{check.Rows.Count} paper response{(check.Rows.Count == 1 ? " was" : "s were")} added to \u2018{survey.Title}\u2019, marked as assisted");
                return Redirect($"/admin/surveys/{id}/assisted");
            }
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return EntryView(new AssistedEntryModel(survey, null, null, new Dictionary<string, string>(), problems));
    }

    private ViewResult EntryView(AssistedEntryModel model)
    {
        ViewData["Title"] = (model.Errors.Count > 0 || model.Problems.Count > 0 ? "Error: " : "") + "Enter responses \u2013 " + model.Survey.Title;
        return View("~/Views/SaferBcpSurveysAssisted/Entry.cshtml", model);
    }
}

public sealed record AssistedEntryModel(SurveyInfo Survey, string? Channel, string? Organisation, IReadOnlyDictionary<string, string> Errors, IReadOnlyList<PaperProblem> Problems);
