using Microsoft.EntityFrameworkCore;
using SaferBcp.Cms.Data;
using SaferBcp.Reach.Models;

namespace SaferBcp.Reach;

public sealed class ReachDbContext : DbContext
{
    public ReachDbContext(DbContextOptions<ReachDbContext> options, PortalDatabase database)
        : base(options)
    {
        database.Attach(this);
    }

    public DbSet<DailyCount> DailyCounts => Set<DailyCount>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<DailyCount>(e =>
        {
            e.ToTable(DailyCountTable);
            e.HasKey(x => new { x.Day, x.Measure, x.Subject, x.Domain });
            e.Property(x => x.Measure).HasMaxLength(20);
            e.Property(x => x.Subject).HasMaxLength(64);
            e.Property(x => x.Domain).HasMaxLength(253);
        });
    }

    public const string DailyCountTable = "Reach_DailyCounts";
}

public sealed class ReachDesignTimeFactory : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<ReachDbContext>
{
    public ReachDbContext CreateDbContext(string[] args) => DesignTimeContextFactory.Create<ReachDbContext>("Reach", args, (o, d) => new ReachDbContext(o, d));
}
