using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using SaferBcp.Cms.Caching;
using SaferBcp.Cms.Display;
using SaferBcp.Dataset.Services;
using SaferBcp.Surveys.Services;
using SaferBcp.Surveys.Services.Results;

namespace SaferBcp.Surveys.Controllers;

/// <summary>
/// The public list at /surveys (open surveys, then closed ones whose results are published) and the public "You said, we did" page of a closed survey at /surveys/{slug}/results: what staff heard, what will
/// change, and charts and tables of the choice, scale, rank and rate questions, always with small numbers hidden.
/// Never free text, never contact details. Cached like every public page, and sets no cookie.
/// </summary>
public sealed class SurveysController : Controller
{
    private readonly SurveyCatalog _catalog;
    private readonly SurveyResponseStore _responses;
    private readonly SurveyResultsCache _cache;
    private readonly Coding.AnswerCodingStore _quotes;
    private readonly MarkdownRenderer _markdown;
    private readonly DatasetOptions _options;

    public SurveysController(SurveyCatalog catalog, SurveyResponseStore responses, SurveyResultsCache cache, MarkdownRenderer markdown, IOptions<DatasetOptions> options, Coding.AnswerCodingStore quotes)
    {
        _quotes = quotes;
        _catalog = catalog;
        _responses = responses;
        _cache = cache;
        _markdown = markdown;
        _options = options.Value;
    }

    [HttpGet("/surveys")]
    [OutputCache(PolicyName = PublicCache.Policy)]
    public async Task<IActionResult> Index()
    {
        var all = await _catalog.AllAsync(HttpContext.RequestAborted);
        ViewData["Title"] = HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SurveysText>>()["Surveys"].Value;
        return View("~/Views/SaferBcpSurveys/Index.cshtml", new SurveyListModel(
            all.Where(s => s.Status == Models.SurveyStatus.Open).ToList(),
            all.Where(s => s.HasPublicResults).OrderByDescending(s => s.Survey.ClosesOn).ToList()));
    }

    [HttpGet("/surveys/{slug}/results")]
    [OutputCache(PolicyName = PublicCache.Policy)]
    public async Task<IActionResult> Results(string slug)
    {
        if (await _catalog.FindPublishedBySlugAsync(slug, HttpContext.RequestAborted) is not { HasPublicResults: true } survey)
        {
            return NotFound();
        }

        var snapshot = await _cache.GetAsync(survey, _responses, HttpContext.RequestAborted);
        var tallies = ResultsCalculator.Tally(snapshot, []);
        var view = ResultsPresenter.Present(tallies, snapshot.Count, exact: false, _options.SuppressionThreshold, IsPublic);
        ViewData["Title"] = "You said, we did \u2013 " + survey.Title;
        return View("~/Views/SaferBcpSurveysResults/Public.cshtml", new SurveyResultsPublicModel(
            survey, _markdown.ToHtml(survey.Survey.YouSaidMarkdown), _markdown.ToHtml(survey.Survey.WeDidMarkdown), view, await _quotes.PublishedQuotesAsync(survey.ContentItemId, HttpContext.RequestAborted)));
    }

    /// <summary>Only questions with set answers reach the public page: never free text or numbers someone typed.</summary>
    public static bool IsPublic(MatrixColumn column) => column.Kind is ColumnKind.Choice or ColumnKind.Multi or ColumnKind.Rank or ColumnKind.Rate && !column.Question.Personal;
}

public sealed record SurveyListModel(IReadOnlyList<SurveyInfo> Open, IReadOnlyList<SurveyInfo> WithResults);

/// <param name="Quotes">Approved quotes chosen for the page, masked (free-text analysis).</param>
public sealed record SurveyResultsPublicModel(SurveyInfo Survey, string YouSaidHtml, string WeDidHtml, ResultsView Results, IReadOnlyList<string>? Quotes = null);
