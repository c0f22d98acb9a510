using System.Globalization;
using CsvHelper;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Controllers;
using SaferBcp.Reach.Services;

namespace SaferBcp.Reach.Controllers;

/// <summary>Campaign reach for comms staff: each campaign's views per day (chart and table), referring websites, sensitive pages' daily total, form starts and completions, and the CSV.</summary>
[Route("admin/reach")]
[Authorize(Policy = Permissions.ViewReach)]
public sealed class AdminReachController : AdminControllerBase
{
    /// <summary>How many days the page and export cover, up to and including today.</summary>
    public const int Days = 30;

    private readonly ReachStore _store;
    private readonly TimeProvider _clock;

    public AdminReachController(ReachStore store, TimeProvider clock)
    {
        _store = store;
        _clock = clock;
    }

    [HttpGet("")]
    public async Task<IActionResult> Index()
    {
        ViewData["Title"] = "Campaign reach";
        return View("~/Views/AdminReach/Index.cshtml", await ReportAsync());
    }

    [HttpGet("reach.csv")]
    public async Task Export()
    {
        var report = await ReportAsync();
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"reach-{report.From:yyyy-MM-dd}-to-{report.To:yyyy-MM-dd}.csv\"";
        await using var csv = CsvWriter.Create(Response.Body, new CsvWriterOptions { Injection = CsvInjection.Escape, WriteByteOrderMark = true }, leaveOpen: true);
        csv.WriteHeader(["Day", "Measure", "Item", "Title", "Referring domain", "Count"]);
        foreach (var row in report.Counts.OrderBy(c => c.Day).ThenBy(c => c.Measure, StringComparer.Ordinal).ThenBy(c => c.Subject, StringComparer.Ordinal).ThenBy(c => c.Domain, StringComparer.Ordinal))
        {
            csv.WriteField(row.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            csv.WriteField(row.Measure);
            csv.WriteField(row.Subject);
            csv.WriteField(report.TitleOf(row.Subject));
            csv.WriteField(row.Domain);
            csv.WriteField(row.Count.ToString(CultureInfo.InvariantCulture));
            await csv.EndRecordAsync(HttpContext.RequestAborted);
        }

        await csv.FlushAsync(HttpContext.RequestAborted);
    }

    private Task<ReachReport> ReportAsync()
    {
        var today = UkTime.Today(_clock);
        return _store.ReportAsync(today.AddDays(1 - Days), today, HttpContext.RequestAborted);
    }
}
