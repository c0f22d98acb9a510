using Microsoft.EntityFrameworkCore;
using SaferBcp.Cms.Data;
using SaferBcp.SafePlaces.Models;

namespace SaferBcp.SafePlaces;

/// <summary>The Safe Places index table (kept in step with published places by <see cref="Services.SafePlaceIndexHandler"/>) and the postcode lookup.</summary>
public sealed class SafePlacesDbContext : DbContext
{
    public SafePlacesDbContext(DbContextOptions<SafePlacesDbContext> options, PortalDatabase database)
        : base(options)
    {
        database.Attach(this);
    }

    public DbSet<SafePlaceIndex> Places => Set<SafePlaceIndex>();

    public DbSet<PostcodeLocation> Postcodes => Set<PostcodeLocation>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<SafePlaceIndex>(e =>
        {
            e.ToTable("SafePlaces_Index");
            e.HasKey(x => x.ContentItemId);
            e.Property(x => x.ContentItemId).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(300);
            e.Property(x => x.Category).HasConversion<string>().HasMaxLength(30);
            e.Property(x => x.Area).HasConversion<string>().HasMaxLength(30);
            e.Property(x => x.Locality).HasMaxLength(100);
            e.Property(x => x.Address).HasMaxLength(500);
            e.Property(x => x.Postcode).HasMaxLength(10);
            e.Property(x => x.District).HasMaxLength(5);
            e.Property(x => x.Phone).HasMaxLength(40);
            e.Property(x => x.Description).HasMaxLength(1000);
            e.Property(x => x.Path).HasMaxLength(200);
            e.HasIndex(x => x.Area);
            e.HasIndex(x => x.District);
            e.HasIndex(x => x.LastVerified);
        });
        modelBuilder.Entity<PostcodeLocation>(e =>
        {
            e.ToTable("SafePlaces_Postcodes");
            e.HasKey(x => x.Postcode);
            e.Property(x => x.Postcode).HasMaxLength(10);
            e.Property(x => x.District).HasMaxLength(5);
            e.HasIndex(x => x.District);
        });
    }
}

public sealed class SafePlacesDesignTimeFactory : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<SafePlacesDbContext>
{
    public SafePlacesDbContext CreateDbContext(string[] args) => DesignTimeContextFactory.Create<SafePlacesDbContext>("SafePlaces", args, (o, d) => new SafePlacesDbContext(o, d));
}
