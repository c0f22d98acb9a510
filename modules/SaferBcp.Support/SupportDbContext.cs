using Microsoft.EntityFrameworkCore;
using SaferBcp.Cms.Data;
using SaferBcp.Support.Models;

namespace SaferBcp.Support;

/// <summary>The Support module's index of published services, kept in step by <see cref="Services.ServiceIndexHandler"/>.</summary>
public sealed class SupportDbContext : DbContext
{
    public SupportDbContext(DbContextOptions<SupportDbContext> options, PortalDatabase database)
        : base(options)
    {
        database.Attach(this);
    }

    public DbSet<ServiceIndex> Services => Set<ServiceIndex>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ServiceIndex>(e =>
        {
            e.ToTable("Support_ServiceIndex");
            e.HasKey(x => x.ContentItemId);
            e.Property(x => x.ContentItemId).HasMaxLength(64);
            e.Property(x => x.Title).HasMaxLength(300);
            e.Property(x => x.Path).HasMaxLength(200);
            e.Property(x => x.Summary).HasMaxLength(1000);
            e.Property(x => x.Phone).HasMaxLength(40);
            e.Property(x => x.TextNumber).HasMaxLength(40);
            e.Property(x => x.Hours).HasMaxLength(300);
            e.Property(x => x.ReferralFormSlug).HasMaxLength(100);
            e.Ignore(x => x.IsNational);
        });
    }
}

public sealed class SupportDesignTimeFactory : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<SupportDbContext>
{
    public SupportDbContext CreateDbContext(string[] args) => DesignTimeContextFactory.Create<SupportDbContext>("Support", args, (o, d) => new SupportDbContext(o, d));
}
