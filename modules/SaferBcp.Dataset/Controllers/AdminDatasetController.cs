using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using SaferBcp.Cms.Controllers;
using SaferBcp.Dataset.Models;
using SaferBcp.Dataset.Services;

namespace SaferBcp.Dataset.Controllers;

/// <summary>
/// The dataset in the back office. Anyone with ViewDataset sees it with small numbers hidden; those who may export the
/// full dataset (Analysts) see every figure. Managing (edit, publish, import, correct) needs ManageDataset.
/// </summary>
[Route("admin/dataset")]
public sealed class AdminDatasetController : AdminControllerBase
{
    private const long MaxImportBytes = 5 * 1024 * 1024;
    private readonly DatasetStore _store;
    private readonly IAuthorizationService _authorization;
    private readonly IEnumerable<ISurveyQuestionDirectory> _surveyDirectories;

    public AdminDatasetController(DatasetStore store, IAuthorizationService authorization, IEnumerable<ISurveyQuestionDirectory> surveyDirectories)
    {
        _store = store;
        _authorization = authorization;
        _surveyDirectories = surveyDirectories;
    }

    [HttpGet("")]
    [Authorize(Policy = Permissions.ViewDataset)]
    public async Task<IActionResult> Index()
    {
        var values = await _store.ValuesAsync(publishedOnly: false);
        ViewData["Title"] = "Partnership dataset";
        return View("~/Views/DatasetAdmin/Index.cshtml", new AdminDatasetIndexModel(
            await _store.IndicatorsAsync(publishedOnly: false), values.GroupBy(v => v.IndicatorId).ToDictionary(g => g.Key, g => g.Count()),
            await CanAsync(Permissions.ManageDataset), await CanAsync(Permissions.ExportDataset), _store.Threshold));
    }

    [HttpGet("{id:int}")]
    [Authorize(Policy = Permissions.ViewDataset)]
    public async Task<IActionResult> Indicator(int id)
    {
        var indicator = await _store.IndicatorAsync(id);
        if (indicator is null)
        {
            return NotFound();
        }

        var seeAll = await CanAsync(Permissions.ExportDataset);
        var values = await _store.ShownValuesAsync(publishedOnly: false, suppress: !seeAll, indicator.Id);
        var stored = await _store.ValuesAsync(publishedOnly: false, indicator.Id);
        ViewData["Title"] = indicator.Name;
        return View("~/Views/DatasetAdmin/Indicator.cshtml", new AdminIndicatorModel(
            new IndicatorTableModel(indicator, values), stored, await CanAsync(Permissions.ManageDataset), seeAll, _store.Threshold, await MappingSummaryAsync(indicator)));
    }

    [HttpGet("{id:int}/edit")]
    [Authorize(Policy = Permissions.ManageDataset)]
    public async Task<IActionResult> Edit(int id)
    {
        var indicator = await _store.IndicatorAsync(id);
        if (indicator is null)
        {
            return NotFound();
        }

        ViewData["Title"] = $"Edit {indicator.Name}";
        return View("~/Views/DatasetAdmin/Edit.cshtml", new IndicatorEditModel(indicator, indicator.Name, indicator.Description, indicator.Direction.ToString(), indicator.SourceNote, indicator.Published, new Dictionary<string, string>()));
    }

    [HttpPost("{id:int}/edit")]
    [Authorize(Policy = Permissions.ManageDataset)]
    public async Task<IActionResult> Edit(int id, string? name, string? description, string? direction, string? sourceNote, bool published)
    {
        var indicator = await _store.IndicatorAsync(id);
        if (indicator is null)
        {
            return NotFound();
        }

        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(name))
        {
            errors["name"] = "Enter the indicator's name";
        }
        else if (name.Length > 200)
        {
            errors["name"] = "Name must be 200 characters or fewer";
        }

        if (description?.Length > 2000)
        {
            errors["description"] = "Description must be 2,000 characters or fewer";
        }

        if (!Enum.TryParse<Direction>(direction, out var parsedDirection) || !Enum.IsDefined(parsedDirection))
        {
            errors["direction"] = "Select whether higher is better, lower is better, or neither";
        }

        if (string.IsNullOrWhiteSpace(sourceNote))
        {
            errors["sourceNote"] = "Enter where the figures come from";
        }
        else if (sourceNote.Length > 1000)
        {
            errors["sourceNote"] = "Source must be 1,000 characters or fewer";
        }

        if (errors.Count > 0)
        {
            Response.StatusCode = 400;
            ViewData["Title"] = $"Error: Edit {indicator.Name}";
            return View("~/Views/DatasetAdmin/Edit.cshtml", new IndicatorEditModel(indicator, name, description, direction, sourceNote, published, errors));
        }

        indicator.Name = name!.Trim();
        indicator.Description = description?.Trim() ?? "";
        indicator.Direction = parsedDirection;
        indicator.SourceNote = sourceNote!.Trim();
        indicator.Published = published;
        await _store.SaveIndicatorAsync(indicator, $"Edited{(published ? ", published" : ", not published")}");
        Notice("The indicator was saved");
        return Redirect($"/admin/dataset/{id}");
    }

    [HttpPost("{id:int}/publish")]
    [Authorize(Policy = Permissions.ManageDataset)]
    public Task<IActionResult> Publish(int id) => SetPublishedAsync(id, true);

    [HttpPost("{id:int}/unpublish")]
    [Authorize(Policy = Permissions.ManageDataset)]
    public Task<IActionResult> Unpublish(int id) => SetPublishedAsync(id, false);

    [HttpGet("values/{id:int}")]
    [Authorize(Policy = Permissions.ManageDataset)]
    public async Task<IActionResult> Value(int id)
    {
        var value = await _store.ValueAsync(id);
        if (value is null)
        {
            return NotFound();
        }

        ViewData["Title"] = "Change a figure";
        return View("~/Views/DatasetAdmin/Value.cshtml", new ValueEditModel(value, DatasetFormat.Plain(value.Value), value.Numerator?.ToString(CultureInfo.InvariantCulture), value.Denominator?.ToString(CultureInfo.InvariantCulture), null, new Dictionary<string, string>()));
    }

    [HttpPost("values/{id:int}")]
    [Authorize(Policy = Permissions.ManageDataset)]
    public async Task<IActionResult> Value(int id, string? figure, string? numerator, string? denominator, string? reason)
    {
        var value = await _store.ValueAsync(id);
        if (value is null)
        {
            return NotFound();
        }

        var errors = new Dictionary<string, string>();
        var unit = value.Indicator!.Unit;
        if (!decimal.TryParse(figure?.Trim().Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed))
        {
            errors["figure"] = string.IsNullOrWhiteSpace(figure) ? "Enter the figure" : "The figure must be a number, like 725 or 21.8";
        }
        else if (unit == IndicatorUnit.Count && (parsed < 0 || parsed != decimal.Truncate(parsed)))
        {
            errors["figure"] = "The figure is a count, so it must be a whole number, 0 or more";
        }
        else if (unit == IndicatorUnit.Percentage && parsed is < 0 or > 100)
        {
            errors["figure"] = "The figure is a percentage, so it must be between 0 and 100";
        }

        int? num = null, den = null;
        if (unit == IndicatorUnit.Percentage)
        {
            num = Whole(numerator, "numerator", "number", errors);
            den = Whole(denominator, "denominator", "number it is out of", errors);
            if (!errors.ContainsKey("numerator") && !errors.ContainsKey("denominator"))
            {
                if ((num is null) != (den is null))
                {
                    errors[num is null ? "numerator" : "denominator"] = "Enter both the number and the number it is out of, or neither";
                }
                else if (den == 0)
                {
                    errors["denominator"] = "The number it is out of must be more than 0";
                }
                else if (num > den)
                {
                    errors["numerator"] = "The number must not be more than the number it is out of";
                }
            }
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            errors["reason"] = "Enter why you are changing this figure";
        }
        else if (reason.Length > 500)
        {
            errors["reason"] = "The reason must be 500 characters or fewer";
        }

        if (errors.Count > 0)
        {
            Response.StatusCode = 400;
            ViewData["Title"] = "Error: Change a figure";
            return View("~/Views/DatasetAdmin/Value.cshtml", new ValueEditModel(value, figure, numerator, denominator, reason, errors));
        }

        await _store.UpdateValueAsync(value, parsed, num, den, reason!.Trim(), CurrentUserName ?? "unknown");
        Notice("The figure was changed");
        return Redirect($"/admin/dataset/{value.IndicatorId}");
    }

    [HttpGet("import")]
    [Authorize(Policy = Permissions.ManageDataset)]
    public IActionResult Import()
    {
        ViewData["Title"] = "Import partner figures";
        return View("~/Views/DatasetAdmin/Import.cshtml", new ImportModel(null, []));
    }

    [HttpPost("import")]
    [Authorize(Policy = Permissions.ManageDataset)]
    [RequestSizeLimit(MaxImportBytes + (64 * 1024))]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxImportBytes + (64 * 1024))]
    public async Task<IActionResult> Import(IFormFile? file)
    {
        if (file is null || file.Length == 0)
        {
            return ImportFailed(null, [new ImportProblem(0, "file", "Select a CSV file of partner figures")]);
        }

        if (file.Length > MaxImportBytes)
        {
            return ImportFailed(file.FileName, [new ImportProblem(0, "file", "The file must be smaller than 5MB")]);
        }

        var indicators = await _store.IndicatorsAsync(publishedOnly: false);
        var known = (await _store.PeriodsAsync()).Select(p => p.Code).ToHashSet(StringComparer.Ordinal);
        ImportCheck check;
        using (var reader = new StreamReader(file.OpenReadStream()))
        {
            check = PartnerFiguresCsv.Check(reader, indicators, code => known.Contains(code.Trim()) || FinancialPeriod.Parse(code) is not null);
        }

        if (!check.IsValid)
        {
            return ImportFailed(file.FileName, check.Problems);
        }

        var changed = await _store.ImportAsync(check, file.FileName, CurrentUserName ?? "unknown");
        Notice($"{check.Rows.Count} rows imported: {changed} figures added or changed");
        return Redirect("/admin/dataset");
    }

    [HttpGet("export.csv")]
    [Authorize(Policy = Permissions.ExportDataset)]
    public async Task<IActionResult> ExportCsv()
    {
        var values = await _store.ShownValuesAsync(publishedOnly: false, suppress: false);
        await _store.AuditExportAsync("CSV", values.Count);
        var stream = new MemoryStream();
        await DatasetFiles.WriteCsvAsync(stream, values);
        stream.Position = 0;
        Cms.Security.SecurityHeadersMiddleware.NoStore(Response);
        return File(stream, "text/csv; charset=utf-8", "safer-bcp-dataset-full.csv");
    }

    [HttpGet("export.xlsx")]
    [Authorize(Policy = Permissions.ExportDataset)]
    public async Task<IActionResult> ExportXlsx()
    {
        var values = await _store.ShownValuesAsync(publishedOnly: false, suppress: false);
        await _store.AuditExportAsync("XLSX", values.Count);
        var stream = new MemoryStream();
        await DatasetFiles.WriteXlsxAsync(stream, values);
        stream.Position = 0;
        Cms.Security.SecurityHeadersMiddleware.NoStore(Response);
        return File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "safer-bcp-dataset-full.xlsx");
    }

    private ViewResult ImportFailed(string? fileName, IReadOnlyList<ImportProblem> problems)
    {
        Response.StatusCode = 400;
        ViewData["Title"] = "Error: Import partner figures";
        return View("~/Views/DatasetAdmin/Import.cshtml", new ImportModel(fileName, problems));
    }

    private async Task<IActionResult> SetPublishedAsync(int id, bool published)
    {
        var indicator = await _store.IndicatorAsync(id);
        if (indicator is null)
        {
            return NotFound();
        }

        indicator.Published = published;
        await _store.SaveIndicatorAsync(indicator, published ? "Published" : "Unpublished");
        Notice(published ? "The indicator is published on Our data" : "The indicator is no longer published");
        return Redirect($"/admin/dataset/{id}");
    }

    private async Task<SurveyMappingSummary?> MappingSummaryAsync(Indicator indicator)
    {
        if (indicator.Source != IndicatorSource.SurveyMapping || await _store.SurveyMappingAsync(indicator.Id) is not { } mapping)
        {
            return null;
        }

        var surveys = new List<MappableSurvey>();
        foreach (var directory in _surveyDirectories)
        {
            surveys.AddRange(await directory.SurveysAsync(HttpContext.RequestAborted));
        }

        return SurveyMappingSummary.Of(mapping, surveys);
    }

    private async Task<bool> CanAsync(string permission) => (await _authorization.AuthorizeAsync(User, permission)).Succeeded;

    private static int? Whole(string? text, string field, string label, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (int.TryParse(text.Trim().Replace(",", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        errors[field] = $"The {label} must be a whole number, 0 or more";
        return null;
    }
}

public sealed record AdminDatasetIndexModel(IReadOnlyList<Indicator> Indicators, IReadOnlyDictionary<int, int> ValueCounts, bool CanManage, bool CanExport, int Threshold);

public sealed record AdminIndicatorModel(IndicatorTableModel Table, IReadOnlyList<DataValue> Stored, bool CanManage, bool SeesAll, int Threshold, SurveyMappingSummary? Mapping);

public sealed record IndicatorEditModel(Indicator Indicator, string? Name, string? Description, string? Direction, string? SourceNote, bool Published, IReadOnlyDictionary<string, string> Errors);

public sealed record ValueEditModel(DataValue Value, string? Figure, string? Numerator, string? Denominator, string? Reason, IReadOnlyDictionary<string, string> Errors);

public sealed record ImportModel(string? FileName, IReadOnlyList<ImportProblem> Problems);
