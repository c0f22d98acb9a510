using Microsoft.AspNetCore.Mvc;
using SaferBcp.Surveys.Services;

namespace SaferBcp.Surveys.Controllers;

/// <summary>The public list of open surveys at /surveys; each survey itself is served by the forms runner.</summary>
public sealed class SurveysController : Controller
{
    private readonly SurveyCatalog _catalog;

    public SurveysController(SurveyCatalog catalog) => _catalog = catalog;

    [HttpGet("/surveys")]
    public async Task<IActionResult> Index()
    {
        ViewData["Title"] = "Surveys";
        return View("~/Views/SaferBcpSurveys/Index.cshtml", await _catalog.OpenAsync(HttpContext.RequestAborted));
    }
}
