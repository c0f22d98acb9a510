using Microsoft.EntityFrameworkCore;
using SaferBcp.Cms.Data;
using SaferBcp.Pages.Models;

namespace SaferBcp.Pages;

/// <summary>The Pages module's index tables, kept in step with published content by <see cref="Services.PageIndexHandler"/>.</summary>
public sealed class PagesDbContext : DbContext
{
    public PagesDbContext(DbContextOptions<PagesDbContext> options, PortalDatabase database)
        : base(options)
    {
        database.Attach(this);
    }

    public DbSet<CampaignIndex> Campaigns => Set<CampaignIndex>();

    public DbSet<NewsIndex> News => Set<NewsIndex>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CampaignIndex>(e =>
        {
            e.ToTable("Pages_CampaignIndex");
            e.HasKey(x => x.ContentItemId);
            e.Property(x => x.ContentItemId).HasMaxLength(64);
            e.Property(x => x.Title).HasMaxLength(300);
            e.Property(x => x.Path).HasMaxLength(200);
            e.Property(x => x.Summary).HasMaxLength(1000);
            e.Property(x => x.BannerText).HasMaxLength(300);
            e.HasIndex(x => new { x.StartsOn, x.EndsOn });
        });
        modelBuilder.Entity<NewsIndex>(e =>
        {
            e.ToTable("Pages_NewsIndex");
            e.HasKey(x => x.ContentItemId);
            e.Property(x => x.ContentItemId).HasMaxLength(64);
            e.Property(x => x.Title).HasMaxLength(300);
            e.Property(x => x.Path).HasMaxLength(200);
            e.Property(x => x.Summary).HasMaxLength(1000);
            e.HasIndex(x => x.Date);
        });
    }
}

public sealed class PagesDesignTimeFactory : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<PagesDbContext>
{
    public PagesDbContext CreateDbContext(string[] args) => DesignTimeContextFactory.Create<PagesDbContext>("Pages", args, (o, d) => new PagesDbContext(o, d));
}
