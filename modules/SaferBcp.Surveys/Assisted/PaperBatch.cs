using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SaferBcp.Surveys.Assisted;

/// <summary>
/// A file of paper responses imported into a survey, kept only so the same file cannot be imported twice: the survey
/// and a fingerprint of the rows (<see cref="PaperBatchReader"/>). No member of staff, time or response id.
/// </summary>
public sealed class PaperBatch
{
    public int Id { get; set; }

    public string SurveyContentItemId { get; set; } = "";

    /// <summary>SHA-256 (hex) of the file's rows, in a form that does not change when a spreadsheet saves it again.</summary>
    public string Fingerprint { get; set; } = "";
}

public sealed class PaperBatchConfiguration : IEntityTypeConfiguration<PaperBatch>
{
    public void Configure(EntityTypeBuilder<PaperBatch> builder)
    {
        builder.ToTable("Surveys_PaperBatches");
        builder.Property(x => x.SurveyContentItemId).HasMaxLength(64);
        builder.Property(x => x.Fingerprint).HasMaxLength(64);

        // Two uploads of the same file at once: the second fails here and is refused like any repeat.
        builder.HasIndex(x => new { x.SurveyContentItemId, x.Fingerprint }).IsUnique();
    }
}
