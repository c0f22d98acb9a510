using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using SaferBcp.Cms.Caching;
using SaferBcp.Cms.Data;

namespace SaferBcp.Cms.Settings;

/// <summary>Key/value site settings (site name, home page text, exit URL), cached briefly on each node.</summary>
public sealed class SiteSettings
{
    public const string SiteName = "SiteName";
    public const string SiteTagline = "SiteTagline";
    public const string HomeIntro = "HomeIntro";
    public const string NeutralExitUrl = "NeutralExitUrl";

    private const string CacheKey = "site-settings";
    private readonly CmsDbContext _db;
    private readonly IMemoryCache _cache;
    private readonly LocalCaches _caches;
    private readonly ChangeAnnouncer _announcer;

    public SiteSettings(CmsDbContext db, IMemoryCache cache, LocalCaches caches, ChangeAnnouncer announcer)
    {
        _db = db;
        _cache = cache;
        _caches = caches;
        _announcer = announcer;
    }

    public async Task<IReadOnlyDictionary<string, string>> GetAllAsync()
    {
        return (await _cache.GetOrCreateAsync(CacheKey, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(30);
            entry.AddExpirationToken(_caches.ChangeToken(ChangeTopics.Settings));
            return (IReadOnlyDictionary<string, string>)await _db.SiteSettings.AsNoTracking().ToDictionaryAsync(s => s.Key, s => s.Value);
        }))!;
    }

    public async Task<string> GetAsync(string key, string fallback = "")
    {
        var all = await GetAllAsync();
        return all.TryGetValue(key, out var value) ? value : fallback;
    }

    /// <summary>
    /// Sets values; returns how many actually changed. Callers save the context, inside a transaction (every node's
    /// copy is cleared when it commits).
    /// </summary>
    public async Task<int> SetAsync(IReadOnlyDictionary<string, string> values)
    {
        var changed = 0;
        foreach (var (key, value) in values)
        {
            var existing = await _db.SiteSettings.FindAsync(key);
            if (existing is null)
            {
                _db.SiteSettings.Add(new SiteSetting { Key = key, Value = value });
                changed++;
            }
            else if (existing.Value != value)
            {
                existing.Value = value;
                changed++;
            }
        }

        if (changed > 0)
        {
            await _announcer.AnnounceAsync(ChangeTopics.Settings);
        }

        return changed;
    }
}
