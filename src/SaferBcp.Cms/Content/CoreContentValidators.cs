using Microsoft.EntityFrameworkCore;
using SaferBcp.Cms.Data;

namespace SaferBcp.Cms.Content;

/// <summary>A title is required and short enough for a page heading.</summary>
public sealed class TitleValidator : IContentValidator
{
    public Task ValidateAsync(ContentItem item, ContentValidationResult result)
    {
        if (item.Has<TitlePart>())
        {
            var title = item.As<TitlePart>().Title.Trim();
            if (title.Length == 0)
            {
                result.Add("TitlePart.Title", "Enter a title");
            }
            else if (title.Length > 150)
            {
                result.Add("TitlePart.Title", "Title must be 150 characters or fewer");
            }
        }

        return Task.CompletedTask;
    }
}

/// <summary>A public address must be well formed, not belong to the portal itself, and not be used by another item.</summary>
public sealed class AutorouteValidator : IContentValidator
{
    private readonly CmsDbContext _db;
    private readonly List<ReservedPath> _reserved;

    public const string Field = "AutoroutePart.Path";

    public AutorouteValidator(CmsDbContext db, IEnumerable<ReservedPath> reserved)
    {
        _db = db;
        _reserved = reserved.ToList();
    }

    public async Task ValidateAsync(ContentItem item, ContentValidationResult result)
    {
        if (!item.Has<AutoroutePart>())
        {
            return;
        }

        var path = ContentPath.Normalize(item.As<AutoroutePart>().Path);
        const string field = Field;
        if (path.Length == 0)
        {
            result.Add(field, "Enter a web address for the page, like knife-crime");
            return;
        }

        if (!ContentPath.IsWellFormed(path))
        {
            result.Add(field, "The web address can only use lower-case letters, numbers, hyphens and slashes, like domestic-abuse/marac");
            return;
        }

        if (_reserved.Any(r => r.Blocks(path)))
        {
            result.Add(field, $"The web address /{path} is used by the portal itself. Choose another one");
            return;
        }

        var takenBy = await _db.ContentItems.AsNoTracking()
            .Where(c => c.Path == path && c.Culture == item.Culture && c.ContentItemId != item.ContentItemId && (c.Latest || c.Published))
            .Select(c => c.DisplayText).FirstOrDefaultAsync();
        if (takenBy is not null)
        {
            result.Add(field, $"The web address /{path} is already used by \"{takenBy}\". Choose another one");
        }
    }
}
