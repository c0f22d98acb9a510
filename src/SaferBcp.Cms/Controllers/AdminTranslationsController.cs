using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Localization;
using SaferBcp.Cms.Security;

namespace SaferBcp.Cms.Controllers;

/// <summary>Adding a translation of a page, and confirming that a qualified translator checked one.</summary>
[Route("admin/content/{id}")]
public sealed class AdminTranslationsController : AdminControllerBase
{
    private readonly ContentTranslations _translations;

    public AdminTranslationsController(ContentTranslations translations) => _translations = translations;

    [HttpPost("translations")]
    [Authorize(Policy = CmsPermissions.ManageContent)]
    public async Task<IActionResult> Add(string id, string? culture)
    {
        try
        {
            var translation = await _translations.AddAsync(id, culture ?? "", CurrentUserName);
            Notice($"A {PortalCultures.Get(translation.Culture).EnglishName} draft was made from the English page. Translate each field, then save and publish it");
            return Redirect($"/admin/content/{translation.ContentItemId}/edit");
        }
        catch (ContentValidationException ex)
        {
            TempData["Error"] = "The translation was not added: " + string.Join(" ", ex.Result.Errors.Select(e => e.Message));
            return Redirect($"/admin/content/{Uri.EscapeDataString(id)}/edit");
        }
    }

    [HttpPost("confirm-translation")]
    [Authorize(Policy = CmsPermissions.PublishContent)]
    public async Task<IActionResult> Confirm(string id, bool @checked)
    {
        if (!@checked)
        {
            TempData["Error"] = "Tick the box to confirm that a qualified translator has checked this translation";
            return Redirect($"/admin/content/{Uri.EscapeDataString(id)}/edit");
        }

        try
        {
            var item = await _translations.ConfirmAsync(id, CurrentUserName);
            Notice($"The translation is confirmed and published at {PortalCultures.AddressIn(item.Culture, "/" + item.Path)}. The \u201cto be checked\u201d notice is gone");
        }
        catch (ContentValidationException ex)
        {
            TempData["Error"] = "It was not confirmed: " + string.Join(" ", ex.Result.Errors.Select(e => e.Message));
        }

        return Redirect($"/admin/content/{Uri.EscapeDataString(id)}/edit");
    }
}
