using Microsoft.EntityFrameworkCore;
using SaferBcp.Cms.Data;
using SaferBcp.Dataset.Models;

namespace SaferBcp.Dataset;

public sealed class DatasetDbContext : DbContext
{
    public DatasetDbContext(DbContextOptions<DatasetDbContext> options, PortalDatabase database)
        : base(options)
    {
        database.Attach(this);
    }

    public DbSet<Indicator> Indicators => Set<Indicator>();

    public DbSet<Period> Periods => Set<Period>();

    public DbSet<DataValue> Values => Set<DataValue>();

    public DbSet<SurveyMapping> SurveyMappings => Set<SurveyMapping>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Indicator>(e =>
        {
            e.ToTable("Dataset_Indicators");
            e.HasKey(x => x.Id);
            e.Property(x => x.Code).HasMaxLength(40);
            e.HasIndex(x => x.Code).IsUnique();
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Description).HasMaxLength(2000);
            e.Property(x => x.Unit).HasConversion<string>().HasMaxLength(30);
            e.Property(x => x.Direction).HasConversion<string>().HasMaxLength(30);
            e.Property(x => x.Source).HasConversion<string>().HasMaxLength(30);
            e.Property(x => x.Geographies).HasMaxLength(200);
            e.Property(x => x.SourceNote).HasMaxLength(1000);
            e.Ignore(x => x.GeographyList);
        });
        modelBuilder.Entity<Period>(e =>
        {
            e.ToTable("Dataset_Periods");
            e.HasKey(x => x.Id);
            e.Property(x => x.Code).HasMaxLength(40);
            e.HasIndex(x => x.Code).IsUnique();
            e.Property(x => x.Label).HasMaxLength(200);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
        });
        modelBuilder.Entity<DataValue>(e =>
        {
            e.ToTable("Dataset_Values");
            e.HasKey(x => x.Id);
            e.HasOne(x => x.Indicator).WithMany().HasForeignKey(x => x.IndicatorId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(x => x.Period).WithMany().HasForeignKey(x => x.PeriodId).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.Geography).HasMaxLength(40);
            e.HasIndex(x => new { x.IndicatorId, x.PeriodId, x.Geography }).IsUnique();
            e.Property(x => x.SourceNote).HasMaxLength(1000);
            e.Property(x => x.LastChangedBy).HasMaxLength(256);
            e.Property(x => x.Reason).HasMaxLength(1000);
        });
        modelBuilder.Entity<SurveyMapping>(e =>
        {
            e.ToTable("Dataset_SurveyMappings");
            e.HasKey(x => x.Id);
            e.HasOne(x => x.Indicator).WithMany().HasForeignKey(x => x.IndicatorId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => x.IndicatorId).IsUnique();
            e.Property(x => x.SurveyFormId).HasMaxLength(100);
            e.Property(x => x.QuestionId).HasMaxLength(100);
            e.Property(x => x.CountedOptionValues).HasMaxLength(2000);
        });
    }
}

public sealed class DatasetDesignTimeFactory : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<DatasetDbContext>
{
    public DatasetDbContext CreateDbContext(string[] args) => DesignTimeContextFactory.Create<DatasetDbContext>("Dataset", args, (o, d) => new DatasetDbContext(o, d));
}
