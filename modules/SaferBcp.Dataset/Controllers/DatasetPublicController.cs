using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using SaferBcp.Cms.Caching;
using SaferBcp.Dataset.Models;
using SaferBcp.Dataset.Services;

namespace SaferBcp.Dataset.Controllers;

/// <summary>"Our data": the published indicators with small numbers hidden, and the same as open data files.</summary>
public sealed class DatasetPublicController : Controller
{
    private readonly DatasetStore _store;

    public DatasetPublicController(DatasetStore store) => _store = store;

    [HttpGet("/data")]
    [OutputCache(PolicyName = PublicCache.Policy)]
    public async Task<IActionResult> Index()
    {
        var indicators = await _store.IndicatorsAsync(publishedOnly: true);
        var values = await _store.ShownValuesAsync(publishedOnly: true, suppress: true);
        ViewData["Title"] = "Our data";
        return View("~/Views/DatasetPublic/Index.cshtml", new DataPageModel(
            indicators.Select(i => new IndicatorTableModel(i, values.Where(v => v.Indicator.Id == i.Id).ToList())).ToList(), _store.Threshold));
    }

    [HttpGet("/data/{code}")]
    [OutputCache(PolicyName = PublicCache.Policy)]
    public async Task<IActionResult> Indicator(string code)
    {
        var indicator = await _store.IndicatorAsync(code);
        if (indicator is null || !indicator.Published)
        {
            return NotFound();
        }

        var values = await _store.ShownValuesAsync(publishedOnly: true, suppress: true, indicator.Id);
        ViewData["Title"] = indicator.Name;
        return View("~/Views/DatasetPublic/Indicator.cshtml", new IndicatorPageModel(new IndicatorTableModel(indicator, values), _store.Threshold));
    }

    [HttpGet("/data/dataset.csv")]
    [OutputCache(PolicyName = PublicCache.Policy)]
    public async Task Csv()
    {
        var values = await _store.ShownValuesAsync(publishedOnly: true, suppress: true);
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = "attachment; filename=\"safer-bcp-dataset.csv\"";
        await DatasetFiles.WriteCsvAsync(Response.Body, values, HttpContext.RequestAborted);
    }

    [HttpGet("/data/dataset.json")]
    [OutputCache(PolicyName = PublicCache.Policy)]
    public async Task Json()
    {
        var values = await _store.ShownValuesAsync(publishedOnly: true, suppress: true);
        Response.ContentType = "application/json; charset=utf-8";
        await DatasetFiles.WriteJsonAsync(Response.Body, values, _store.Threshold, HttpContext.RequestAborted);
    }
}

public sealed record DataPageModel(IReadOnlyList<IndicatorTableModel> Indicators, int Threshold);

public sealed record IndicatorPageModel(IndicatorTableModel Table, int Threshold);

/// <summary>One indicator's figures laid out as a table: a row per period, a column per geography.</summary>
public sealed class IndicatorTableModel
{
    public IndicatorTableModel(Indicator indicator, IReadOnlyList<ShownValue> values)
    {
        Indicator = indicator;
        Values = values;
        Periods = values.Select(v => v.Period).DistinctBy(p => p.Code).OrderBy(p => p.End).ThenByDescending(p => p.Start).ToList();
        GeographyColumns = values.Select(v => v.Geography).Distinct().OrderBy(g => Array.IndexOf(Geographies.All, g)).ToList();
        ShowCounts = values.Any(v => v.Numerator is not null);
        if (TrendChart.Series(values) is { } series)
        {
            ChartGeography = series.Geography;
            Chart = new HtmlString(TrendChart.Svg($"chart-{indicator.Code.ToLowerInvariant()}", $"{indicator.Name}, {Geographies.Label(series.Geography)}",
                series.Values.Select(v => new ChartPoint(DatasetFiles.PeriodShort(v.Period), v.VisibleValue, v.Display)).ToList(), indicator.Unit));
        }
    }

    public Indicator Indicator { get; }

    public IReadOnlyList<ShownValue> Values { get; }

    public IReadOnlyList<Period> Periods { get; }

    public IReadOnlyList<string> GeographyColumns { get; }

    /// <summary>A percentage table with one geography shows the counts it was worked out from.</summary>
    public bool ShowCounts { get; }

    /// <summary>The trend chart, built from encoded text only (see <see cref="TrendChart"/>), so the view writes it as it is.</summary>
    public IHtmlContent? Chart { get; }

    public string? ChartGeography { get; }

    public ShownValue? Cell(Period period, string geography) => Values.FirstOrDefault(v => v.Period.Code == period.Code && v.Geography == geography);

    public string CssClass => Units.IsCount(Indicator.Unit) ? "dataset-count" : "dataset-figure";
}
