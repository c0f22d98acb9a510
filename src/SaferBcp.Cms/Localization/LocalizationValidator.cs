using Microsoft.EntityFrameworkCore;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Data;

namespace SaferBcp.Cms.Localization;

/// <summary>A translation names a served language and an English page that exists, and is that page's only one in its language.</summary>
public sealed class LocalizationValidator : IContentValidator
{
    public const string Field = "LocalizationPart.Culture";
    private readonly CmsDbContext _db;

    public LocalizationValidator(CmsDbContext db) => _db = db;

    public async Task ValidateAsync(ContentItem item, ContentValidationResult result)
    {
        if (!item.Has<LocalizationPart>())
        {
            return;
        }

        var part = item.As<LocalizationPart>();
        if (!PortalCultures.IsTranslated(part.Culture))
        {
            result.Add(Field, $"The language must be one of: {string.Join(", ", PortalCultures.Translated)}");
            return;
        }

        var original = await _db.ContentItems.AsNoTracking().Where(c => c.ContentItemId == part.LocalizationSet && c.Latest)
            .Select(c => new { c.ContentType, c.Culture }).FirstOrDefaultAsync();
        if (original is null || original.Culture != PortalCultures.Default || original.ContentType != item.ContentType)
        {
            result.Add(Field, $"A translation must belong to an English {item.ContentType.ToLowerInvariant()} (\"{part.LocalizationSet}\" is not one)");
            return;
        }

        var other = await _db.ContentItems.AsNoTracking()
            .AnyAsync(c => c.Latest && c.LocalizationSet == part.LocalizationSet && c.Culture == part.Culture && c.ContentItemId != item.ContentItemId);
        if (other)
        {
            result.Add(Field, $"This page already has a {PortalCultures.Get(part.Culture).EnglishName} translation");
        }
    }
}
