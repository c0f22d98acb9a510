using Microsoft.EntityFrameworkCore;
using SaferBcp.Cms.Data;
using SaferBcp.Surveys.Models;

namespace SaferBcp.Surveys;

public sealed class SurveysDbContext : DbContext
{
    public SurveysDbContext(DbContextOptions<SurveysDbContext> options, PortalDatabase database)
        : base(options)
    {
        database.Attach(this);
    }

    public DbSet<SurveyResponse> Responses => Set<SurveyResponse>();

    public DbSet<SurveyContact> Contacts => Set<SurveyContact>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<SurveyResponse>(e =>
        {
            e.ToTable("Surveys_Responses");
            e.Property(x => x.SurveyContentItemId).HasMaxLength(64);
            e.HasIndex(x => new { x.SurveyContentItemId, x.Id });
        });
        modelBuilder.Entity<SurveyContact>(e =>
        {
            e.ToTable("Surveys_Contacts");
            e.Property(x => x.SurveyContentItemId).HasMaxLength(64);
            e.Property(x => x.LegacyName).HasColumnName("Name").HasMaxLength(200);
            e.Property(x => x.LegacyEmail).HasColumnName("Email").HasMaxLength(320);
            e.Property(x => x.LegacyPhone).HasColumnName("Phone").HasMaxLength(40);
            e.HasIndex(x => x.SurveyContentItemId);
        });

        // Assisted responses: files of paper responses already imported.
        modelBuilder.ApplyConfiguration(new Assisted.PaperBatchConfiguration());
    }
}

public sealed class SurveysDesignTimeFactory : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<SurveysDbContext>
{
    public SurveysDbContext CreateDbContext(string[] args) => DesignTimeContextFactory.Create<SurveysDbContext>("Surveys", args, (o, d) => new SurveysDbContext(o, d));
}
