using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Security;

namespace SaferBcp.Cms.Data;

/// <summary>The kernel's tables: content versions, routes, change log, audit, settings, menus, accounts and job leases.</summary>
public sealed class CmsDbContext : IdentityDbContext<PortalUser, PortalRole, string>
{
    public CmsDbContext(DbContextOptions<CmsDbContext> options, PortalDatabase database)
        : base(options)
    {
        database.Attach(this);
    }

    public DbSet<ContentItem> ContentItems => Set<ContentItem>();

    public DbSet<ContentRedirect> ContentRedirects => Set<ContentRedirect>();

    public DbSet<ContentChange> ContentChanges => Set<ContentChange>();

    public DbSet<ChangeCursor> ChangeCursors => Set<ChangeCursor>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<SiteSetting> SiteSettings => Set<SiteSetting>();

    public DbSet<MenuRecord> Menus => Set<MenuRecord>();

    public DbSet<JobLease> JobLeases => Set<JobLease>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<ContentItem>(e =>
        {
            e.ToTable("ContentItems");
            e.HasKey(x => x.Id);
            e.Property(x => x.ContentItemId).HasMaxLength(64).IsRequired();
            e.Property(x => x.ContentType).HasMaxLength(64).IsRequired();
            e.Property(x => x.DisplayText).HasMaxLength(300);
            e.Property(x => x.Path).HasMaxLength(200);
            e.HasIndex(x => new { x.Path, x.Published });

            // One published item per address and language, whichever node publishes: the editor's check reads before it
            // writes, so two nodes publishing at once could both pass it; the database refuses the second. A translation
            // shares its original's address in another culture (/pl/x is the Polish item at x).
            e.Property(x => x.Culture).HasMaxLength(16).IsRequired().HasDefaultValue(Localization.PortalCultures.Default);
            e.Property(x => x.LocalizationSet).HasMaxLength(64);
            e.HasIndex(x => x.LocalizationSet);
            e.HasIndex(x => new { x.Path, x.Culture }).IsUnique().HasDatabaseName(PublishedPathIndex.Name)
                .HasFilter(Database.IsNpgsql() ? "\"Published\" AND \"Path\" IS NOT NULL" : "\"Published\" = 1 AND \"Path\" IS NOT NULL");
            e.Property(x => x.Owner).HasMaxLength(256);
            e.Property(x => x.Author).HasMaxLength(256);
            e.Property(x => x.Content)
                .HasColumnName("Data")
                .HasConversion(v => v.ToJsonString(ContentJson.Options), v => (JsonObject)JsonNode.Parse(v, null, default)!)
                .Metadata.SetValueComparer(new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<JsonObject>(
                    (a, b) => JsonNode.DeepEquals(a, b),
                    v => v.ToJsonString(ContentJson.Options).GetHashCode(StringComparison.Ordinal),
                    v => (JsonObject)v.DeepClone()));
            e.HasIndex(x => new { x.ContentItemId, x.Version }).IsUnique();
            e.HasIndex(x => new { x.ContentItemId, x.Latest });
            e.HasIndex(x => new { x.ContentType, x.Published });
            e.HasIndex(x => x.PublishAtUtc);
            e.HasIndex(x => x.UnpublishAtUtc);
        });

        builder.Entity<ContentRedirect>(e =>
        {
            e.HasKey(x => x.FromPath);
            e.Property(x => x.FromPath).HasMaxLength(200);
            e.Property(x => x.ContentItemId).HasMaxLength(64);
        });

        builder.Entity<ContentChange>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.ContentItemId).HasMaxLength(64);
            e.Property(x => x.ContentType).HasMaxLength(64);
            e.Property(x => x.NodeId).HasMaxLength(128);
        });

        builder.Entity<ChangeCursor>(e =>
        {
            e.HasKey(x => new { x.NodeId, x.Consumer });
            e.Property(x => x.NodeId).HasMaxLength(128);
            e.Property(x => x.Consumer).HasMaxLength(64);
        });

        builder.Entity<AuditEntry>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.Action).HasMaxLength(64);
            e.Property(x => x.SubjectType).HasMaxLength(64);
            e.Property(x => x.SubjectId).HasMaxLength(128);
            e.Property(x => x.UserName).HasMaxLength(256);
            e.Property(x => x.Summary).HasMaxLength(1000);
            e.HasIndex(x => x.OccurredUtc);
        });

        builder.Entity<SiteSetting>(e =>
        {
            e.HasKey(x => x.Key);
            e.Property(x => x.Key).HasMaxLength(100);
        });

        builder.Entity<MenuRecord>(e =>
        {
            e.ToTable("Menus");
            e.HasKey(x => x.Name);
            e.Property(x => x.Name).HasMaxLength(64);
        });

        builder.Entity<JobLease>(e =>
        {
            e.ToTable("JobLeases");
            e.HasKey(x => x.Name);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Holder).HasMaxLength(200).IsRequired();
        });
    }
}
