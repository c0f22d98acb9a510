using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SaferBcp.Cms.Audit;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Controllers;
using SaferBcp.Cms.Security;
using SaferBcp.SafePlaces.Models;
using SaferBcp.SafePlaces.Services;

namespace SaferBcp.SafePlaces.Controllers;

/// <summary>The list of places with their checking status, and the CSV imports of places and postcodes. Places are edited in the content editor.</summary>
[Route("admin/safe-places")]
[Authorize(Policy = Permissions.ManageSafePlaces)]
public sealed class AdminSafePlacesController : AdminControllerBase
{
    private const long MaxPlacesFile = 5 * 1024 * 1024;
    private const long MaxPostcodesFile = 300L * 1024 * 1024;
    private readonly ContentManager _content;
    private readonly SafePlaceFreshness _freshness;
    private readonly SafePlaceImporter _importer;
    private readonly PostcodeImporter _postcodes;
    private readonly IAuthorizationService _authorization;
    private readonly AuditLog _audit;

    public AdminSafePlacesController(ContentManager content, SafePlaceFreshness freshness, SafePlaceImporter importer, PostcodeImporter postcodes, IAuthorizationService authorization, AuditLog audit)
    {
        _content = content;
        _freshness = freshness;
        _importer = importer;
        _postcodes = postcodes;
        _authorization = authorization;
        _audit = audit;
    }

    [HttpGet("")]
    public async Task<IActionResult> Index()
    {
        ViewData["Title"] = "Safe Places";
        return View("~/Views/AdminSafePlaces/Index.cshtml", await ListAsync(null));
    }

    [HttpPost("import")]
    [RequestSizeLimit(MaxPlacesFile + 65536)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxPlacesFile + 65536)]
    public async Task<IActionResult> Import(IFormFile? file, string? publish)
    {
        var wantsPublish = publish == "true";
        if (file is null || file.Length == 0)
        {
            return await ImportFailedAsync([new ImportProblem(0, "", "Select a CSV file of places")], wantsPublish);
        }

        if (file.Length > MaxPlacesFile)
        {
            return await ImportFailedAsync([new ImportProblem(0, "", "The file must be smaller than 5MB")], wantsPublish);
        }

        if (wantsPublish && !(await _authorization.AuthorizeAsync(User, CmsPermissions.PublishContent)).Succeeded)
        {
            return await ImportFailedAsync([new ImportProblem(0, "", "You do not have permission to publish. Choose \u2018Save them as drafts\u2019")], wantsPublish);
        }

        using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var check = SafePlaceCsvReader.Read(reader, _freshness.Today);
        var problems = await _importer.ImportAsync(check, wantsPublish, CurrentUserName);
        if (problems.Count > 0)
        {
            return await ImportFailedAsync(problems, wantsPublish);
        }

        await _audit.WriteAsync("safe-places.imported", SafePlaceTypes.SafePlace, "", $"{check.Rows.Count} Safe Place(s) imported from CSV" + (wantsPublish ? " and published" : " as drafts"), userName: CurrentUserName);
        Notice($"{check.Rows.Count} Safe Place(s) imported" + (wantsPublish ? " and published" : " as drafts. Check each one and publish it"));
        return Redirect("/admin/safe-places");
    }

    [HttpPost("postcodes")]
    [RequestSizeLimit(MaxPostcodesFile + 65536)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxPostcodesFile + 65536)]
    public async Task<IActionResult> Postcodes(IFormFile? postcodes)
    {
        if (postcodes is null || postcodes.Length == 0)
        {
            return await PostcodesFailedAsync("Select a CSV file of postcodes");
        }

        using var reader = new StreamReader(postcodes.OpenReadStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var outcome = await _postcodes.ReplaceAllAsync(reader, HttpContext.RequestAborted);
        if (outcome.Error is not null)
        {
            return await PostcodesFailedAsync(outcome.Error);
        }

        await _audit.WriteAsync("safe-places.postcodes-imported", "PostcodeList", "", $"Postcode list replaced with {outcome.Imported} postcode(s); {outcome.Skipped} row(s) skipped", userName: CurrentUserName);
        Notice($"The postcode list now has {outcome.Imported:N0} postcodes." + (outcome.Skipped > 0 ? $" {outcome.Skipped:N0} row(s) were skipped because they had no full postcode or no UK latitude and longitude." : ""));
        return Redirect("/admin/safe-places");
    }

    private async Task<IActionResult> ImportFailedAsync(IReadOnlyList<ImportProblem> problems, bool publish)
    {
        Response.StatusCode = 400;
        ViewData["Title"] = "Error: Safe Places";
        return View("~/Views/AdminSafePlaces/Index.cshtml", await ListAsync(new ImportReport(problems, publish, null)));
    }

    private async Task<IActionResult> PostcodesFailedAsync(string error)
    {
        Response.StatusCode = 400;
        ViewData["Title"] = "Error: Safe Places";
        return View("~/Views/AdminSafePlaces/Index.cshtml", await ListAsync(new ImportReport([], false, error)));
    }

    private async Task<AdminSafePlacesModel> ListAsync(ImportReport? report)
    {
        var latest = await _content.Query().Where(c => c.ContentType == SafePlaceTypes.SafePlace && c.Latest).ToListAsync();
        var publishedIds = (await _content.Query().Where(c => c.ContentType == SafePlaceTypes.SafePlace && c.Published).Select(c => c.ContentItemId).ToListAsync()).ToHashSet();
        var rows = latest.Select(item =>
        {
            var part = item.As<SafePlacePart>();
            var verified = part.LastVerifiedValue;
            return new AdminSafePlaceRow(
                item.ContentItemId,
                item.DisplayText,
                part.Postcode,
                SafePlaceLabels.Label(part.Area),
                verified,
                publishedIds.Contains(item.ContentItemId),
                verified is null || _freshness.NeedsChecking(verified.Value),
                verified is null || _freshness.IsHidden(verified.Value),
                item.Has<SafePlaceApplicationPart>());
        })
        .OrderByDescending(r => r.NeedsChecking).ThenBy(r => r.LastVerified).ThenBy(r => r.Name)
        .ToList();
        return new AdminSafePlacesModel(rows, _freshness.FlagAfterMonths, _freshness.HideAfterMonths, await _postcodes.CountAsync(), report);
    }
}

public sealed record AdminSafePlaceRow(string Id, string Name, string Postcode, string Area, DateOnly? LastVerified, bool Published, bool NeedsChecking, bool Hidden, bool FromApplication);

public sealed record ImportReport(IReadOnlyList<ImportProblem> Problems, bool Publish, string? PostcodeError);

public sealed record AdminSafePlacesModel(IReadOnlyList<AdminSafePlaceRow> Rows, int FlagAfterMonths, int HideAfterMonths, int PostcodeCount, ImportReport? Report);
