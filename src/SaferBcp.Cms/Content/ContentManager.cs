using Microsoft.EntityFrameworkCore;
using SaferBcp.Cms.Audit;
using SaferBcp.Cms.Data;

namespace SaferBcp.Cms.Content;

/// <summary>
/// Versioned content: drafts, publishing, scheduling, restore. Rules:
/// saving edits the latest version if it is a draft, or starts a new draft version if the latest is published;
/// publishing makes the latest version the only published one; the published version keeps serving the
/// public while a newer draft is edited.
/// </summary>
public sealed class ContentManager
{
    private readonly CmsDbContext _db;
    private readonly PortalDatabase _database;
    private readonly TimeProvider _clock;
    private readonly IEnumerable<IContentValidator> _validators;
    private readonly IEnumerable<IContentHandler> _handlers;
    private readonly ContentChangeLog _changes;
    private readonly AuditLog _audit;
    private readonly ContentTypeRegistry _types;

    public ContentManager(
        CmsDbContext db,
        PortalDatabase database,
        TimeProvider clock,
        IEnumerable<IContentValidator> validators,
        IEnumerable<IContentHandler> handlers,
        ContentChangeLog changes,
        AuditLog audit,
        ContentTypeRegistry types)
    {
        _db = db;
        _database = database;
        _clock = clock;
        _validators = validators;
        _handlers = handlers;
        _changes = changes;
        _audit = audit;
        _types = types;
    }

    private DateTime UtcNow => _clock.GetUtcNow().UtcDateTime;

    public ContentItem New(string contentType)
    {
        if (_types.Find(contentType) is null)
        {
            throw new ContentValidationException("ContentType", $"There is no content type called {contentType}.");
        }

        return new ContentItem { ContentItemId = NewId(), ContentType = _types.Find(contentType)!.Name };
    }

    public static string NewId() => Guid.NewGuid().ToString("N")[..26];

    public Task<ContentItem?> GetAsync(string contentItemId, VersionOptions options = VersionOptions.Published)
    {
        var query = _db.ContentItems.Where(c => c.ContentItemId == contentItemId);
        query = options == VersionOptions.Published ? query.Where(c => c.Published) : query.Where(c => c.Latest);
        return query.AsNoTracking().FirstOrDefaultAsync();
    }

    public Task<ContentItem?> GetVersionAsync(string contentItemId, int version) =>
        _db.ContentItems.AsNoTracking().FirstOrDefaultAsync(c => c.ContentItemId == contentItemId && c.Version == version);

    public Task<List<ContentItem>> ListVersionsAsync(string contentItemId) =>
        _db.ContentItems.AsNoTracking().Where(c => c.ContentItemId == contentItemId).OrderByDescending(c => c.Version).ToListAsync();

    public Task<ContentItem?> GetPublishedByPathAsync(string path)
    {
        var normalized = ContentPath.Normalize(path);
        return _db.ContentItems.AsNoTracking().FirstOrDefaultAsync(c => c.Published && c.Path == normalized && c.Culture == Localization.PortalCultures.Default);
    }

    /// <summary>The published item at this address in one language (a translation shares its original's address).</summary>
    public Task<ContentItem?> GetPublishedByPathAsync(string path, string culture)
    {
        var normalized = ContentPath.Normalize(path);
        return _db.ContentItems.AsNoTracking().FirstOrDefaultAsync(c => c.Published && c.Path == normalized && c.Culture == culture);
    }

    /// <summary>Where an old address now points, if the item behind it is still published.</summary>
    public async Task<string?> FindRedirectAsync(string path)
    {
        var normalized = ContentPath.Normalize(path);
        var redirect = await _db.ContentRedirects.AsNoTracking().FirstOrDefaultAsync(r => r.FromPath == normalized);
        if (redirect is null)
        {
            return null;
        }

        var target = await GetAsync(redirect.ContentItemId);
        return target?.Path;
    }

    public IQueryable<ContentItem> Query() => _db.ContentItems.AsNoTracking();

    /// <summary>Validates and saves the item's content as the latest draft. Throws ContentValidationException with field errors.</summary>
    public async Task<ContentItem> SaveDraftAsync(ContentItem edited, string? user)
    {
        PrepareIndexColumns(edited);
        await ValidateAsync(edited);

        await using var transaction = await _database.BeginTransactionAsync();
        var latest = await _db.ContentItems.FirstOrDefaultAsync(c => c.ContentItemId == edited.ContentItemId && c.Latest);
        ContentItem draft;
        if (latest is not null && !latest.Published)
        {
            draft = latest;
        }
        else
        {
            draft = new ContentItem
            {
                ContentItemId = edited.ContentItemId,
                ContentType = edited.ContentType,
                Version = (latest?.Version ?? 0) + 1,
                Owner = latest?.Owner ?? user,
                CreatedUtc = latest?.CreatedUtc ?? UtcNow,
                Latest = true,
            };
            if (latest is not null)
            {
                latest.Latest = false;
            }

            _db.ContentItems.Add(draft);
        }

        draft.Content = (System.Text.Json.Nodes.JsonObject)edited.Content.DeepClone();
        draft.DisplayText = edited.DisplayText;
        draft.Path = edited.Path;
        draft.Culture = edited.Culture;
        draft.LocalizationSet = edited.LocalizationSet;
        draft.Author = user;
        draft.ModifiedUtc = UtcNow;
        await _db.SaveChangesAsync();
        await _audit.WriteAsync("content.saved", draft.ContentType, draft.ContentItemId, $"Draft version {draft.Version} of \"{draft.DisplayText}\" saved", userName: user);
        foreach (var handler in _handlers)
        {
            await handler.DraftSavedAsync(draft);
        }

        await transaction.CommitAsync();
        return draft;
    }

    /// <summary>Makes the latest version the published one.</summary>
    public async Task<ContentItem> PublishAsync(string contentItemId, string? user)
    {
        await using var transaction = await _database.BeginTransactionAsync();
        var versions = await _db.ContentItems.Where(c => c.ContentItemId == contentItemId && (c.Latest || c.Published)).ToListAsync();
        var latest = versions.FirstOrDefault(v => v.Latest) ?? throw new ContentValidationException("", "This item does not exist.");
        var previous = versions.FirstOrDefault(v => v.Published && v.Id != latest.Id);

        // The address is checked again: another item may have taken it since this draft was saved.
        await ValidateAsync(latest);

        if (previous is not null)
        {
            previous.Published = false;
            latest.UnpublishAtUtc ??= previous.UnpublishAtUtc;
            previous.UnpublishAtUtc = null;
        }

        var previousPath = previous?.Path ?? (latest.Published ? latest.Path : null);
        latest.Published = true;
        latest.PublishedUtc = UtcNow;
        latest.PublishAtUtc = null;
        await UpdateRedirectsAsync(latest, previousPath);
        await _changes.AppendAsync(latest, ContentChangeKind.Published);
        try
        {
            await _db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (PublishedPathIndex.IsClash(e))
        {
            // Another node published an item at this address after the check above: the database refused the second.
            throw new ContentValidationException(AutorouteValidator.Field, $"Another page was published at /{latest.Path} a moment ago. Choose another web address");
        }

        await _audit.WriteAsync("content.published", latest.ContentType, latest.ContentItemId, $"Version {latest.Version} of \"{latest.DisplayText}\" published", userName: user);
        foreach (var handler in _handlers)
        {
            await handler.PublishedAsync(latest);
        }

        await transaction.CommitAsync();
        return latest;
    }

    /// <summary>
    /// Takes the published version down; false if none is published. Two nodes (or an editor and a timed job) doing it at
    /// once write one change-log row and one audit entry: the version is taken down by an UPDATE that only succeeds while it
    /// is still published, and the second finds it already down (on PostgreSQL it waits for the first to commit).
    /// </summary>
    public async Task<bool> UnpublishAsync(string contentItemId, string? user)
    {
        if (!await _db.ContentItems.AnyAsync(c => c.ContentItemId == contentItemId && c.Published))
        {
            return false;
        }

        await using var transaction = await _database.BeginTransactionAsync();
        var published = await TakeDownAsync(contentItemId);
        if (published is not null)
        {
            await _changes.AppendAsync(published, ContentChangeKind.Unpublished);
            await _db.SaveChangesAsync();
            await _audit.WriteAsync("content.unpublished", published.ContentType, published.ContentItemId, $"\"{published.DisplayText}\" unpublished", userName: user);
            foreach (var handler in _handlers)
            {
                await handler.UnpublishedAsync(published);
            }
        }

        // Committed even when another got there first: an inner unit of work left open would roll back the caller's.
        await transaction.CommitAsync();
        return published is not null;
    }

    /// <summary>Marks the published version unpublished, unless someone else already has; returns it, or null.</summary>
    private async Task<ContentItem?> TakeDownAsync(string contentItemId)
    {
        var published = await _db.ContentItems.FirstOrDefaultAsync(c => c.ContentItemId == contentItemId && c.Published);
        if (published is null || await _db.ContentItems.Where(c => c.Id == published.Id && c.Published)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Published, false).SetProperty(c => c.UnpublishAtUtc, (DateTime?)null)) == 0)
        {
            return null;
        }

        // The tracked copy is brought into line with the row, for this scope's later reads.
        published.Published = false;
        published.UnpublishAtUtc = null;
        return published;
    }

    /// <summary>Copies an earlier version into the latest draft (a new version; history is never rewritten).</summary>
    public async Task<ContentItem> RestoreAsync(string contentItemId, int version, string? user)
    {
        var old = await GetVersionAsync(contentItemId, version) ?? throw new ContentValidationException("", $"Version {version} does not exist.");
        var draft = old.CloneAsNewVersion();
        var saved = await SaveDraftAsync(draft, user);
        await _audit.WriteAsync("content.restored", saved.ContentType, saved.ContentItemId, $"Version {version} restored as draft version {saved.Version}", userName: user);
        return saved;
    }

    /// <summary>Publishes the latest draft at a future instant; null clears the schedule.</summary>
    public async Task SchedulePublishAsync(string contentItemId, DateTime? atUtc, string? user)
    {
        var latest = await _db.ContentItems.FirstOrDefaultAsync(c => c.ContentItemId == contentItemId && c.Latest)
            ?? throw new ContentValidationException("", "This item does not exist.");
        if (atUtc is not null && latest.Published)
        {
            throw new ContentValidationException("PublishAt", "There are no unpublished changes to publish. Save a change first.");
        }

        if (atUtc is not null && atUtc <= UtcNow)
        {
            throw new ContentValidationException("PublishAt", "The publishing time must be in the future.");
        }

        latest.PublishAtUtc = atUtc;
        await _db.SaveChangesAsync();
        await _audit.WriteAsync(atUtc is null ? "content.schedule-cleared" : "content.publish-scheduled", latest.ContentType, contentItemId,
            atUtc is null ? "Scheduled publishing cancelled" : $"Publishing scheduled for {UkTime.Format(atUtc.Value)}", userName: user);
    }

    public async Task ScheduleUnpublishAsync(string contentItemId, DateTime? atUtc, string? user)
    {
        var published = await _db.ContentItems.FirstOrDefaultAsync(c => c.ContentItemId == contentItemId && c.Published)
            ?? throw new ContentValidationException("UnpublishAt", "Only a published item can be scheduled to come down.");
        if (atUtc is not null && atUtc <= UtcNow)
        {
            throw new ContentValidationException("UnpublishAt", "The unpublishing time must be in the future.");
        }

        published.UnpublishAtUtc = atUtc;
        await _db.SaveChangesAsync();
        await _audit.WriteAsync(atUtc is null ? "content.schedule-cleared" : "content.unpublish-scheduled", published.ContentType, contentItemId,
            atUtc is null ? "Scheduled unpublishing cancelled" : $"Unpublishing scheduled for {UkTime.Format(atUtc.Value)}", userName: user);
    }

    /// <summary>
    /// Carries out every publish and unpublish whose time has come. Returns how many it did. Each one first claims its
    /// schedule by clearing it with an UPDATE that only succeeds while the time is still set and due, in the transaction
    /// that carries it out: a second node, or a run that lost its lease mid-way, finds it claimed and does nothing, so a
    /// scheduled change is published, logged and audited once.
    /// </summary>
    public async Task<int> RunDueSchedulesAsync(CancellationToken cancellationToken = default)
    {
        var now = UtcNow;
        var toPublish = await _db.ContentItems.AsNoTracking().Where(c => c.Latest && c.PublishAtUtc != null && c.PublishAtUtc <= now)
            .Select(c => c.ContentItemId).ToListAsync(cancellationToken);
        var toUnpublish = await _db.ContentItems.AsNoTracking().Where(c => c.Published && c.UnpublishAtUtc != null && c.UnpublishAtUtc <= now)
            .Select(c => c.ContentItemId).ToListAsync(cancellationToken);
        var done = 0;
        foreach (var id in toPublish)
        {
            done += await PublishScheduledAsync(id, now) ? 1 : 0;
        }

        foreach (var id in toUnpublish)
        {
            done += await UnpublishScheduledAsync(id, now) ? 1 : 0;
        }

        return done;
    }

    private async Task<bool> PublishScheduledAsync(string contentItemId, DateTime now)
    {
        await using var transaction = await _database.BeginTransactionAsync();
        var claimed = await _db.ContentItems.Where(c => c.ContentItemId == contentItemId && c.Latest && c.PublishAtUtc != null && c.PublishAtUtc <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.PublishAtUtc, (DateTime?)null)) == 1;
        if (claimed)
        {
            await PublishAsync(contentItemId, "scheduler");
        }

        await transaction.CommitAsync();
        return claimed;
    }

    private async Task<bool> UnpublishScheduledAsync(string contentItemId, DateTime now)
    {
        await using var transaction = await _database.BeginTransactionAsync();
        var claimed = await _db.ContentItems.Where(c => c.ContentItemId == contentItemId && c.Published && c.UnpublishAtUtc != null && c.UnpublishAtUtc <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UnpublishAtUtc, (DateTime?)null)) == 1;
        var done = claimed && await UnpublishAsync(contentItemId, "scheduler");
        await transaction.CommitAsync();
        return done;
    }

    public async Task DeleteAsync(string contentItemId, string? user)
    {
        var versions = await _db.ContentItems.Where(c => c.ContentItemId == contentItemId).ToListAsync();
        var latest = versions.FirstOrDefault(v => v.Latest);
        if (latest is null)
        {
            return;
        }

        await using var transaction = await _database.BeginTransactionAsync();

        var wasPublished = versions.FirstOrDefault(v => v.Published);
        _db.ContentItems.RemoveRange(versions);
        _db.ContentRedirects.RemoveRange(_db.ContentRedirects.Where(r => r.ContentItemId == contentItemId));
        await _changes.AppendAsync(latest, ContentChangeKind.Deleted);
        await _db.SaveChangesAsync();
        await _audit.WriteAsync("content.deleted", latest.ContentType, contentItemId, $"\"{latest.DisplayText}\" deleted with {versions.Count} version(s)", userName: user);
        if (wasPublished is not null)
        {
            foreach (var handler in _handlers)
            {
                await handler.UnpublishedAsync(wasPublished);
            }
        }

        await transaction.CommitAsync();
    }

    public async Task<ContentValidationResult> CheckAsync(ContentItem item)
    {
        PrepareIndexColumns(item);
        var result = new ContentValidationResult();
        foreach (var validator in _validators)
        {
            await validator.ValidateAsync(item, result);
        }

        return result;
    }

    private async Task ValidateAsync(ContentItem item)
    {
        var result = await CheckAsync(item);
        if (!result.Succeeded)
        {
            throw new ContentValidationException(result);
        }
    }

    private static void PrepareIndexColumns(ContentItem item)
    {
        if (item.Has<TitlePart>())
        {
            item.DisplayText = item.As<TitlePart>().Title.Trim();
        }

        if (item.Has<AutoroutePart>())
        {
            var path = ContentPath.Normalize(item.As<AutoroutePart>().Path);
            item.Apply(new AutoroutePart { Path = path });
            item.Path = path;
        }

        var localization = item.Has<Localization.LocalizationPart>() ? item.As<Localization.LocalizationPart>() : null;
        item.Culture = localization?.Culture ?? Localization.PortalCultures.Default;
        item.LocalizationSet = localization?.LocalizationSet;
    }

    private async Task UpdateRedirectsAsync(ContentItem published, string? previousPath)
    {
        if (published.Path is null)
        {
            return;
        }

        // The new address may have been an old address of this or another item: it now belongs to this item.
        var reclaimed = await _db.ContentRedirects.FirstOrDefaultAsync(r => r.FromPath == published.Path);
        if (reclaimed is not null)
        {
            _db.ContentRedirects.Remove(reclaimed);
        }

        if (previousPath is not null && previousPath != published.Path)
        {
            var existing = await _db.ContentRedirects.FirstOrDefaultAsync(r => r.FromPath == previousPath);
            if (existing is null)
            {
                _db.ContentRedirects.Add(new ContentRedirect { FromPath = previousPath, ContentItemId = published.ContentItemId, CreatedUtc = UtcNow });
            }
            else
            {
                existing.ContentItemId = published.ContentItemId;
            }
        }
    }
}
