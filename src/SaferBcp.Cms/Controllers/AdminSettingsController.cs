using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SaferBcp.Cms.Audit;
using SaferBcp.Cms.Data;
using SaferBcp.Cms.Security;
using SaferBcp.Cms.Settings;

namespace SaferBcp.Cms.Controllers;

[Route("admin/settings")]
[Authorize(Policy = CmsPermissions.ManageSettings)]
public sealed class AdminSettingsController : AdminControllerBase
{
    private static readonly (string Key, string Label, string Hint)[] BuiltIn =
    [
        (SiteSettings.SiteName, "Site name", "Shown in the header of every page"),
        (SiteSettings.SiteTagline, "Tagline", "A short line under the site name on the home page"),
        (SiteSettings.HomeIntro, "Home page introduction", "Markdown. Shown above the key actions on the home page"),
        (SiteSettings.NeutralExitUrl, "Exit this page destination", "A neutral site starting with https://, like a weather page"),
    ];

    private readonly SiteSettings _settings;
    private readonly CmsDbContext _db;
    private readonly AuditLog _audit;
    private readonly PortalDatabase _database;
    private readonly (string Key, string Label, string Hint)[] _editable;

    public AdminSettingsController(SiteSettings settings, CmsDbContext db, AuditLog audit, PortalDatabase database, IEnumerable<SiteSettingDefinition> moduleSettings)
    {
        _editable = [.. BuiltIn, .. moduleSettings.Select(d => (d.Key, d.Label, d.Hint))];
        _settings = settings;
        _db = db;
        _audit = audit;
        _database = database;
    }

    [HttpGet("")]
    public async Task<IActionResult> Index()
    {
        ViewData["Title"] = "Site settings";
        var all = await _settings.GetAllAsync();
        return View(_editable.Select(e => new SettingField(e.Key, e.Label, e.Hint, all.GetValueOrDefault(e.Key, ""), null)).ToList());
    }

    [HttpPost("")]
    public async Task<IActionResult> Save(Dictionary<string, string?> values)
    {
        var fields = _editable.Select(e => new SettingField(e.Key, e.Label, e.Hint, (values.GetValueOrDefault(e.Key) ?? "").Trim(), null)).ToList();
        for (var i = 0; i < fields.Count; i++)
        {
            var f = fields[i];
            if (f.Key == SiteSettings.SiteName && f.Value.Length == 0)
            {
                fields[i] = f with { Error = "Enter the site name" };
            }
            else if (f.Key == SiteSettings.NeutralExitUrl && !f.Value.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                fields[i] = f with { Error = "Enter an address starting with https://" };
            }
            else if (f.Value.Length > 5000)
            {
                fields[i] = f with { Error = $"{f.Label} must be 5,000 characters or fewer" };
            }
        }

        if (fields.Any(f => f.Error is not null))
        {
            Response.StatusCode = 400;
            ViewData["Title"] = "Error: Site settings";
            return View("Index", fields);
        }

        await using (var transaction = await _database.BeginTransactionAsync())
        {
            var changed = await _settings.SetAsync(fields.ToDictionary(f => f.Key, f => f.Value));
            await _db.SaveChangesAsync();
            if (changed > 0)
            {
                await _audit.WriteAsync("settings.saved", "Settings", null, $"{changed} setting(s) changed");
            }

            await transaction.CommitAsync();
        }

        Notice("Settings saved");
        return RedirectToAction(nameof(Index));
    }
}

public sealed record SettingField(string Key, string Label, string Hint, string Value, string? Error);
