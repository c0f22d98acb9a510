using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SaferBcp.Cms.Audit;
using SaferBcp.Cms.Data;
using SaferBcp.Cms.Navigation;
using SaferBcp.Cms.Security;

namespace SaferBcp.Cms.Controllers;

/// <summary>Edit a menu as rows of link text and address; blank rows are dropped, so a row can be added without JavaScript.</summary>
[Route("admin/menus")]
[Authorize(Policy = CmsPermissions.ManageMenus)]
public sealed class AdminMenusController : AdminControllerBase
{
    private const int SpareRows = 3;
    private readonly MenuService _menus;
    private readonly CmsDbContext _db;
    private readonly AuditLog _audit;
    private readonly PortalDatabase _database;

    public AdminMenusController(MenuService menus, CmsDbContext db, AuditLog audit, PortalDatabase database)
    {
        _menus = menus;
        _db = db;
        _audit = audit;
        _database = database;
    }

    [HttpGet("")]
    public async Task<IActionResult> Index()
    {
        ViewData["Title"] = "Menus";
        return View(await _menus.NamesAsync());
    }

    [HttpGet("{name}")]
    public async Task<IActionResult> Edit(string name)
    {
        if (!(await _menus.NamesAsync()).Contains(name))
        {
            return NotFound();
        }

        var links = (await _menus.GetAsync(name)).ToList();
        links.AddRange(Enumerable.Repeat(new MenuLink("", ""), SpareRows));
        ViewData["Title"] = $"Edit the {name} menu";
        return View(new MenuEditModel(name, links, []));
    }

    [HttpPost("{name}")]
    public async Task<IActionResult> Save(string name, List<string>? text, List<string>? url)
    {
        if (!(await _menus.NamesAsync()).Contains(name))
        {
            return NotFound();
        }

        text ??= [];
        url ??= [];
        var links = new List<MenuLink>();
        var errors = new Dictionary<int, string>();
        for (var i = 0; i < Math.Max(text.Count, url.Count); i++)
        {
            var t = i < text.Count ? text[i]?.Trim() ?? "" : "";
            var u = i < url.Count ? url[i]?.Trim() ?? "" : "";
            if (t.Length == 0 && u.Length == 0)
            {
                continue;
            }

            if (t.Length == 0)
            {
                errors[i] = $"Row {i + 1}: enter the link text";
            }
            else if (t.Length > 80)
            {
                errors[i] = $"Row {i + 1}: link text must be 80 characters or fewer";
            }
            else if (!MenuService.IsAllowedUrl(u))
            {
                errors[i] = $"Row {i + 1}: enter an address on this site starting with /, like /domestic-abuse, or a full address starting with https://";
            }

            links.Add(new MenuLink(t, u));
        }

        if (errors.Count > 0)
        {
            Response.StatusCode = 400;
            ViewData["Title"] = $"Error: Edit the {name} menu";
            links.AddRange(Enumerable.Repeat(new MenuLink("", ""), SpareRows));
            return View("Edit", new MenuEditModel(name, links, errors.Values.ToList()));
        }

        await using (var transaction = await _database.BeginTransactionAsync())
        {
            if (await _menus.SetAsync(name, links))
            {
                await _db.SaveChangesAsync();
                await _audit.WriteAsync("menu.saved", "Menu", name, $"{links.Count} link(s)");
            }

            await transaction.CommitAsync();
        }

        Notice($"The {name} menu was saved");
        return RedirectToAction(nameof(Edit), new { name });
    }
}

public sealed record MenuEditModel(string Name, IReadOnlyList<MenuLink> Links, IReadOnlyList<string> Errors);
