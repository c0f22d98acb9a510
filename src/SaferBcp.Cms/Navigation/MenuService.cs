using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using SaferBcp.Cms.Caching;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Data;

namespace SaferBcp.Cms.Navigation;

public sealed record MenuLink(string Text, string Url);

/// <summary>Named menus ("main", "footer") that staff edit in the back office.</summary>
public sealed class MenuService
{
    private readonly CmsDbContext _db;
    private readonly IMemoryCache _cache;
    private readonly LocalCaches _caches;
    private readonly ChangeAnnouncer _announcer;

    public MenuService(CmsDbContext db, IMemoryCache cache, LocalCaches caches, ChangeAnnouncer announcer)
    {
        _db = db;
        _cache = cache;
        _caches = caches;
        _announcer = announcer;
    }

    public async Task<IReadOnlyList<MenuLink>> GetAsync(string name)
    {
        return (await _cache.GetOrCreateAsync("menu:" + name, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(30);
            entry.AddExpirationToken(_caches.ChangeToken(ChangeTopics.Menus));
            var record = await _db.Menus.AsNoTracking().FirstOrDefaultAsync(m => m.Name == name);
            return (IReadOnlyList<MenuLink>)(record is null ? [] : Parse(record.ItemsJson));
        }))!;
    }

    public Task<List<string>> NamesAsync() => _db.Menus.AsNoTracking().OrderBy(m => m.Name).Select(m => m.Name).ToListAsync();

    /// <summary>
    /// Replaces a menu's links. Returns false when nothing changed. Callers save the context, inside a transaction
    /// (every node's copy is cleared when it commits).
    /// </summary>
    public async Task<bool> SetAsync(string name, IReadOnlyList<MenuLink> links)
    {
        var json = JsonSerializer.Serialize(links, ContentJson.Options);
        var record = await _db.Menus.FindAsync(name);
        if (record is null)
        {
            _db.Menus.Add(new MenuRecord { Name = name, ItemsJson = json });
        }
        else if (record.ItemsJson == json)
        {
            return false;
        }
        else
        {
            record.ItemsJson = json;
        }

        await _announcer.AnnounceAsync(ChangeTopics.Menus);
        return true;
    }

    public static List<MenuLink> Parse(string json) => JsonSerializer.Deserialize<List<MenuLink>>(json, ContentJson.Options) ?? [];

    /// <summary>A menu link must be a path on this site or an https address.</summary>
    public static bool IsAllowedUrl(string url) =>
        (url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal)) ||
        url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ||
        url.StartsWith("tel:", StringComparison.OrdinalIgnoreCase);
}
