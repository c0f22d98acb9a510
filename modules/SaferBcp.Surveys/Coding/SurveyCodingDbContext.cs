using Microsoft.EntityFrameworkCore;
using SaferBcp.Cms.Data;

namespace SaferBcp.Surveys.Coding;

/// <summary>
/// The free-text coding tables (codebooks, codings, quotes), in a context of their own so the coding's migrations
/// stay apart from the responses'. Rows point at responses by id only; no answer text is held in the clear.
/// </summary>
public sealed class SurveyCodingDbContext : DbContext
{
    public SurveyCodingDbContext(DbContextOptions<SurveyCodingDbContext> options, PortalDatabase database)
        : base(options)
    {
        database.Attach(this);
    }

    public DbSet<Theme> Themes => Set<Theme>();

    public DbSet<CodedAnswer> CodedAnswers => Set<CodedAnswer>();

    public DbSet<AnswerTheme> AnswerThemes => Set<AnswerTheme>();

    public DbSet<Quote> Quotes => Set<Quote>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Theme>(e =>
        {
            e.ToTable("Surveys_Themes");
            e.Property(x => x.SurveyContentItemId).HasMaxLength(64);
            e.Property(x => x.QuestionId).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(Theme.NameLength);
            e.Property(x => x.Description).HasMaxLength(Theme.DescriptionLength);
            e.HasIndex(x => new { x.SurveyContentItemId, x.QuestionId });
        });
        modelBuilder.Entity<CodedAnswer>(e =>
        {
            e.ToTable("Surveys_CodedAnswers");
            e.HasKey(x => new { x.ResponseId, x.QuestionId });
            e.Property(x => x.SurveyContentItemId).HasMaxLength(64);
            e.Property(x => x.QuestionId).HasMaxLength(64);
            e.HasIndex(x => new { x.SurveyContentItemId, x.QuestionId });
        });
        modelBuilder.Entity<AnswerTheme>(e =>
        {
            e.ToTable("Surveys_AnswerThemes");
            e.HasKey(x => new { x.ResponseId, x.ThemeId });
            e.HasIndex(x => x.ThemeId);
        });
        modelBuilder.Entity<Quote>(e =>
        {
            e.ToTable("Surveys_Quotes");
            e.Property(x => x.SurveyContentItemId).HasMaxLength(64);
            e.Property(x => x.QuestionId).HasMaxLength(64);
            e.Property(x => x.SuggestedBy).HasMaxLength(256);
            e.Property(x => x.ApprovedBy).HasMaxLength(256);
            e.Ignore(x => x.IsApproved);
            e.HasIndex(x => new { x.SurveyContentItemId, x.ResponseId, x.QuestionId }).IsUnique();
        });
    }
}

public sealed class SurveyCodingDesignTimeFactory : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<SurveyCodingDbContext>
{
    public SurveyCodingDbContext CreateDbContext(string[] args) => DesignTimeContextFactory.Create<SurveyCodingDbContext>("SurveysCoding", args, (o, d) => new SurveyCodingDbContext(o, d));
}
