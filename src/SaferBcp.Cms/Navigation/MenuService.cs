using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Data;

namespace SaferBcp.Cms.Navigation;

public sealed record MenuLink(string Text, string Url);

/// <summary>Named menus ("main", "footer") that staff edit in the back office.</summary>
public sealed class MenuService
{
    private readonly CmsDbContext _db;
    private readonly IMemoryCache _cache;

    public MenuService(CmsDbContext db, IMemoryCache cache)
    {
        _db = db;
        _cache = cache;
    }

    public async Task<IReadOnlyList<MenuLink>> GetAsync(string name)
    {
        return (await _cache.GetOrCreateAsync("menu:" + name, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(30);
            var record = await _db.Menus.AsNoTracking().FirstOrDefaultAsync(m => m.Name == name);
            return (IReadOnlyList<MenuLink>)(record is null ? [] : Parse(record.ItemsJson));
        }))!;
    }

    public Task<List<string>> NamesAsync() => _db.Menus.AsNoTracking().OrderBy(m => m.Name).Select(m => m.Name).ToListAsync();

    /// <summary>Replaces a menu's links. Returns false when nothing changed. Callers save the context.</summary>
    public async Task<bool> SetAsync(string name, IReadOnlyList<MenuLink> links)
    {
        var json = JsonSerializer.Serialize(links, ContentJson.Options);
        var record = await _db.Menus.FindAsync(name);
        _cache.Remove("menu:" + name);
        if (record is null)
        {
            _db.Menus.Add(new MenuRecord { Name = name, ItemsJson = json });
            return true;
        }

        if (record.ItemsJson == json)
        {
            return false;
        }

        record.ItemsJson = json;
        return true;
    }

    public static List<MenuLink> Parse(string json) => JsonSerializer.Deserialize<List<MenuLink>>(json, ContentJson.Options) ?? [];

    /// <summary>A menu link must be a path on this site or an https address.</summary>
    public static bool IsAllowedUrl(string url) =>
        (url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal)) ||
        url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ||
        url.StartsWith("tel:", StringComparison.OrdinalIgnoreCase);
}
