using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Data;
using SaferBcp.Cms.Display;
using SaferBcp.Cms.Localization;
using SaferBcp.Cms.Security;

namespace SaferBcp.Cms.Controllers;

/// <summary>The content list, editor, preview, publishing, scheduling and version history.</summary>
[Route("admin/content")]
public sealed class AdminContentController : AdminControllerBase
{
    private const int PageSize = 25;
    private readonly ContentManager _content;
    private readonly ContentTypeRegistry _types;
    private readonly IEnumerable<IContentEditor> _editors;
    private readonly IEnumerable<IContentDisplay> _displays;
    private readonly IAuthorizationService _authorization;
    private readonly MarkdownRenderer _markdown;
    private readonly PortalDatabase _database;
    private readonly IEnumerable<IContentAddress> _addresses;
    private readonly IEnumerable<IPublishingGate> _gates;

    public AdminContentController(ContentManager content, ContentTypeRegistry types, IEnumerable<IContentEditor> editors, IEnumerable<IContentDisplay> displays, IAuthorizationService authorization, MarkdownRenderer markdown, PortalDatabase database, IEnumerable<IContentAddress> addresses, IEnumerable<IPublishingGate> gates)
    {
        _gates = gates;
        _addresses = addresses;
        _database = database;
        _content = content;
        _types = types;
        _editors = editors;
        _displays = displays;
        _authorization = authorization;
        _markdown = markdown;
    }

    [HttpGet("")]
    [Authorize(Policy = CmsPermissions.ManageContent)]
    public async Task<IActionResult> Index(string? type, string? status, string? q, string? missing, int page = 1)
    {
        var latest = _content.Query().Where(c => c.Latest);
        if (!string.IsNullOrEmpty(type))
        {
            latest = latest.Where(c => c.ContentType == type);
        }

        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim();
            latest = latest.WhereContains(_database.Provider, c => c.DisplayText, term);
        }

        var publishedIds = _content.Query().Where(c => c.Published).Select(c => c.ContentItemId);
        latest = status switch
        {
            "draft" => latest.Where(c => !c.Published && !publishedIds.Contains(c.ContentItemId)),
            "published" => latest.Where(c => c.Published),
            "changed" => latest.Where(c => !c.Published && publishedIds.Contains(c.ContentItemId)),
            "scheduled" => latest.Where(c => c.PublishAtUtc != null),
            _ => latest,
        };

        if (PortalCultures.IsTranslated(missing))
        {
            // English pages that can be translated and have no translation (not even a draft) in that language.
            var translated = _content.Query().Where(c => c.Latest && c.Culture == missing && c.LocalizationSet != null).Select(c => c.LocalizationSet);
            latest = latest.Where(c => c.Culture == PortalCultures.Default && ContentTranslations.TranslatableTypes.Contains(c.ContentType) && !translated.Contains(c.ContentItemId));
        }
        else
        {
            missing = null;
        }

        page = Math.Max(1, page);
        var total = await latest.CountAsync();
        var items = await latest.OrderByDescending(c => c.ModifiedUtc).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync();
        var ids = items.Select(i => i.ContentItemId).ToList();
        var live = await _content.Query().Where(c => c.Published && ids.Contains(c.ContentItemId)).Select(c => c.ContentItemId).ToListAsync();
        var translations = (await _content.Query().Where(c => c.Latest && c.LocalizationSet != null && ids.Contains(c.LocalizationSet)).Select(c => new { c.LocalizationSet, c.Culture }).ToListAsync())
            .GroupBy(t => t.LocalizationSet!).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(t => t.Culture).Order().ToList());
        ViewData["Title"] = "Content";
        return View(new ContentListModel(items, live.ToHashSet(), _types.All.ToList(), type, status, q, page, (total + PageSize - 1) / PageSize, total)
        {
            Missing = missing,
            Translations = translations,
        });
    }

    [HttpGet("new/{type}")]
    [Authorize(Policy = CmsPermissions.ManageContent)]
    public async Task<IActionResult> New(string type)
    {
        if (_types.Find(type) is not { Creatable: true } definition || EditorFor(definition.Name) is null)
        {
            return NotFound();
        }

        var item = _content.New(definition.Name);
        ViewData["Title"] = $"New {definition.DisplayName.ToLowerInvariant()}";
        return View("Edit", BuildEditModel(item, isNew: true, new Dictionary<string, string>(), mayPublish: await MayPublishAsync(item)));
    }

    [HttpPost("new/{type}")]
    [Authorize(Policy = CmsPermissions.ManageContent)]
    public async Task<IActionResult> Create(string type, string? submit)
    {
        if (_types.Find(type) is not { Creatable: true } definition || EditorFor(definition.Name) is null)
        {
            return NotFound();
        }

        var item = _content.New(definition.Name);
        return await SaveAsync(item, submit, isNew: true);
    }

    [HttpGet("{id}/edit")]
    [Authorize(Policy = CmsPermissions.ManageContent)]
    public async Task<IActionResult> Edit(string id)
    {
        var item = await _content.GetAsync(id, VersionOptions.Latest);
        if (item is null || EditorFor(item.ContentType) is null)
        {
            return NotFound();
        }

        ViewData["Title"] = $"Edit \u201c{item.DisplayText}\u201d";
        return View(BuildEditModel(item, isNew: false, new Dictionary<string, string>(), await _content.GetAsync(id), await MayPublishAsync(item)));
    }

    [HttpPost("{id}/edit")]
    [Authorize(Policy = CmsPermissions.ManageContent)]
    public async Task<IActionResult> Update(string id, string? submit)
    {
        var item = await _content.GetAsync(id, VersionOptions.Latest);
        if (item is null || EditorFor(item.ContentType) is null)
        {
            return NotFound();
        }

        return await SaveAsync(item, submit, isNew: false);
    }

    /// <summary>Renders Markdown for the editor's live preview (the same renderer and sanitiser the public pages use).</summary>
    [HttpPost("markdown-preview")]
    [Authorize(Policy = CmsPermissions.ManageContent)]
    [CalledByScript]
    public IActionResult MarkdownPreview([FromForm] string? markdown)
    {
        if (markdown is { Length: > 100_000 })
        {
            return BadRequest();
        }

        return Content(_markdown.ToHtml(markdown), "text/html; charset=utf-8");
    }

    [HttpGet("{id}/preview")]
    [Authorize(Policy = CmsPermissions.ManageContent)]
    public async Task<IActionResult> Preview(string id, int? version)
    {
        var item = version is null ? await _content.GetAsync(id, VersionOptions.Latest) : await _content.GetVersionAsync(id, version.Value);
        if (item is null)
        {
            return NotFound();
        }

        ViewData["PreviewOf"] = item;
        return await ContentDisplayController.RenderAsync(this, _displays, item, preview: true);
    }

    [HttpPost("{id}/publish")]
    [Authorize(Policy = CmsPermissions.PublishContent)]
    public async Task<IActionResult> Publish(string id)
    {
        if (await _content.GetAsync(id, VersionOptions.Latest) is { } latest && !await MayPublishAsync(latest))
        {
            return Forbid();
        }

        try
        {
            var item = await _content.PublishAsync(id, CurrentUserName);
            Notice($"\u201c{item.DisplayText}\u201d is published" + (item.Path is null ? "" : $" at /{item.Path}"));
        }
        catch (ContentValidationException ex)
        {
            TempData["Error"] = "It was not published: " + string.Join(" ", ex.Result.Errors.Select(e => e.Message));
        }

        return RedirectToAction(nameof(Edit), new { id });
    }

    [HttpPost("{id}/unpublish")]
    [Authorize(Policy = CmsPermissions.PublishContent)]
    public async Task<IActionResult> Unpublish(string id)
    {
        Notice(await _content.UnpublishAsync(id, CurrentUserName) ? "It is no longer on the public site" : "It was not published");
        return RedirectToAction(nameof(Edit), new { id });
    }

    [HttpPost("{id}/schedule")]
    [Authorize(Policy = CmsPermissions.PublishContent)]
    public async Task<IActionResult> Schedule(string id, string? kind, string? date, string? time, bool cancel = false)
    {
        var unpublish = kind == "unpublish";
        DateTime? atUtc = null;
        if (!cancel)
        {
            if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ||
                !TimeOnly.TryParseExact(time, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var clock))
            {
                TempData["Error"] = "Enter a date and a time, like 2026-12-10 and 09:00";
                return RedirectToAction(nameof(Edit), new { id });
            }

            atUtc = UkTime.ToUtc(day.ToDateTime(clock));
        }

        if (!unpublish && atUtc is not null && await _content.GetAsync(id, VersionOptions.Latest) is { } latest && !await MayPublishAsync(latest))
        {
            return Forbid();
        }

        try
        {
            if (unpublish)
            {
                await _content.ScheduleUnpublishAsync(id, atUtc, CurrentUserName);
            }
            else
            {
                await _content.SchedulePublishAsync(id, atUtc, CurrentUserName);
            }

            Notice(atUtc is null ? "The schedule was cancelled" : $"It will be {(unpublish ? "unpublished" : "published")} on {UkTime.Format(atUtc.Value)} (UK time)");
        }
        catch (ContentValidationException ex)
        {
            TempData["Error"] = string.Join(" ", ex.Result.Errors.Select(e => e.Message));
        }

        return RedirectToAction(nameof(Edit), new { id });
    }

    [HttpGet("{id}/versions")]
    [Authorize(Policy = CmsPermissions.ManageContent)]
    public async Task<IActionResult> Versions(string id)
    {
        var versions = await _content.ListVersionsAsync(id);
        if (versions.Count == 0)
        {
            return NotFound();
        }

        ViewData["Title"] = $"History of \u201c{versions[0].DisplayText}\u201d";
        return View(versions);
    }

    [HttpPost("{id}/versions/{version:int}/restore")]
    [Authorize(Policy = CmsPermissions.ManageContent)]
    public async Task<IActionResult> Restore(string id, int version)
    {
        try
        {
            var draft = await _content.RestoreAsync(id, version, CurrentUserName);
            Notice($"Version {version} was copied into a new draft (version {draft.Version}). Publish it to put it live");
        }
        catch (ContentValidationException ex)
        {
            TempData["Error"] = "It could not be restored: " + string.Join(" ", ex.Result.Errors.Select(e => e.Message));
        }

        return RedirectToAction(nameof(Edit), new { id });
    }

    [HttpPost("{id}/delete")]
    [Authorize(Policy = CmsPermissions.PublishContent)]
    public async Task<IActionResult> Delete(string id)
    {
        var item = await _content.GetAsync(id, VersionOptions.Latest);
        if (item is null)
        {
            return NotFound();
        }

        await _content.DeleteAsync(id, CurrentUserName);
        Notice($"\u201c{item.DisplayText}\u201d was deleted");
        return RedirectToAction(nameof(Index));
    }

    /// <summary>Where the public finds the item: its own path, or the address its module gives it (a form's /surveys/…).</summary>
    private string? PublicPath(ContentItem item) =>
        !string.IsNullOrEmpty(item.Path) ? "/" + item.Path
        : _addresses.FirstOrDefault(a => a.Handles(item.ContentType))?.PublicPath(item);

    private async Task<IActionResult> SaveAsync(ContentItem item, string? submit, bool isNew)
    {
        var editor = EditorFor(item.ContentType)!;
        var before = item.CloneAsNewVersion();
        item.Apply(new TitlePart { Title = Request.Form["TitlePart.Title"].ToString() });
        if (_types.Find(item.ContentType)!.Routable)
        {
            var path = Request.Form["AutoroutePart.Path"].ToString();
            if (string.IsNullOrWhiteSpace(path) && isNew)
            {
                path = ContentPath.Slugify(item.As<TitlePart>().Title);
            }

            item.Apply(new AutoroutePart { Path = path });
        }

        editor.Bind(item, Request.Form);
        ContentTranslations.ClearCheckIfTextChanged(before, item);
        try
        {
            var saved = await _content.SaveDraftAsync(item, CurrentUserName);
            if (submit == "publish")
            {
                if (!await MayPublishAsync(saved))
                {
                    return Forbid();
                }

                await _content.PublishAsync(saved.ContentItemId, CurrentUserName);
                Notice(PublicPath(saved) is { } address
                    ? $"\u201c{saved.DisplayText}\u201d is published at {address}"
                    : $"\u201c{saved.DisplayText}\u201d is published");
            }
            else if (submit == "preview")
            {
                return RedirectToAction(nameof(Preview), new { id = saved.ContentItemId });
            }
            else
            {
                Notice("Your draft was saved. The public site has not changed yet");
            }

            return RedirectToAction(nameof(Edit), new { id = saved.ContentItemId });
        }
        catch (ContentValidationException ex)
        {
            var errors = ex.Result.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.First().Message);
            Response.StatusCode = 400;
            ViewData["Title"] = "Error: " + (isNew ? "New " + _types.Find(item.ContentType)!.DisplayName.ToLowerInvariant() : "Edit");
            var published = isNew ? null : await _content.GetAsync(item.ContentItemId);
            return View("Edit", BuildEditModel(item, isNew, errors, published, await MayPublishAsync(item)));
        }
    }

    private IContentEditor? EditorFor(string type) => _editors.FirstOrDefault(e => e.Handles(type));

    /// <summary>Whether this user may put this item live themselves: PublishContent, and no gate asks for a review first.</summary>
    private async Task<bool> MayPublishAsync(ContentItem item)
    {
        if (!(await _authorization.AuthorizeAsync(User, CmsPermissions.PublishContent)).Succeeded)
        {
            return false;
        }

        foreach (var gate in _gates)
        {
            if (await gate.MustSubmitForReviewAsync(User, item))
            {
                return false;
            }
        }

        return true;
    }

    private ContentEditModel BuildEditModel(ContentItem item, bool isNew, IReadOnlyDictionary<string, string> errors, ContentItem? published = null, bool mayPublish = true) =>
        new(item, _types.Find(item.ContentType)!, EditorFor(item.ContentType)!.PartialViewName, new ContentEditorContext(item, errors), isNew, published) { MayPublish = mayPublish };
}

public sealed record ContentListModel(IReadOnlyList<ContentItem> Items, IReadOnlySet<string> LiveIds, IReadOnlyList<ContentTypeDefinition> Types, string? Type, string? Status, string? Query, int Page, int Pages, int Total)
{
    /// <summary>The "missing translation in" filter: a culture name, or null.</summary>
    public string? Missing { get; init; }

    /// <summary>Each listed original's translations (cultures), by its ContentItemId.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Translations { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
}

public sealed record ContentEditModel(ContentItem Item, ContentTypeDefinition Type, string PartialViewName, ContentEditorContext Editor, bool IsNew, ContentItem? Published)
{
    public bool HasUnpublishedChanges => !Item.Published;

    /// <summary>Whether the signed-in user may publish or schedule this item themselves (else a module's panel offers review).</summary>
    public bool MayPublish { get; init; } = true;
}
