using Microsoft.EntityFrameworkCore;
using SaferBcp.Cms.Data;
using SaferBcp.Review.Models;

namespace SaferBcp.Review;

public sealed class ReviewDbContext : DbContext
{
    public ReviewDbContext(DbContextOptions<ReviewDbContext> options, PortalDatabase database)
        : base(options)
    {
        database.Attach(this);
    }

    public DbSet<ReviewRequest> Requests => Set<ReviewRequest>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ReviewRequest>(e =>
        {
            e.ToTable("Review_Requests");
            e.HasKey(x => x.Id);
            e.Property(x => x.ContentItemId).HasMaxLength(64);
            e.Property(x => x.ContentType).HasMaxLength(100);
            e.Property(x => x.DisplayText).HasMaxLength(300);
            e.Property(x => x.SubmittedBy).HasMaxLength(256);
            e.Property(x => x.DecidedBy).HasMaxLength(256);
            e.Property(x => x.Note).HasMaxLength(2000);
            e.Property(x => x.Comment).HasMaxLength(4000);
            e.Property(x => x.Status).HasConversion<int>();
            e.HasIndex(x => new { x.Status, x.SubmittedUtc });
            e.HasIndex(x => x.ContentItemId);
        });
    }
}

public sealed class ReviewDesignTimeFactory : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<ReviewDbContext>
{
    public ReviewDbContext CreateDbContext(string[] args) => DesignTimeContextFactory.Create<ReviewDbContext>("Review", args, (o, d) => new ReviewDbContext(o, d));
}
