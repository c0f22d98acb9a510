using Microsoft.EntityFrameworkCore;
using SaferBcp.Cms.Data;
using SaferBcp.Media.Models;

namespace SaferBcp.Media;

public sealed class MediaDbContext : DbContext
{
    public MediaDbContext(DbContextOptions<MediaDbContext> options, PortalDatabase database)
        : base(options)
    {
        database.Attach(this);
    }

    public DbSet<MediaFile> Files => Set<MediaFile>();

    public DbSet<MediaBlob> Blobs => Set<MediaBlob>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<MediaFile>(e =>
        {
            e.ToTable("Media_Files");
            e.HasKey(x => x.Id);
            e.Property(x => x.Url).HasMaxLength(200);
            e.HasIndex(x => x.Url).IsUnique();
            e.Property(x => x.OriginalName).HasMaxLength(260);
            e.Property(x => x.ContentType).HasMaxLength(100);
            e.Property(x => x.Description).HasMaxLength(500);
            e.Property(x => x.UploadedBy).HasMaxLength(256);
            e.Property(x => x.Sha256).HasMaxLength(64);
        });
        modelBuilder.Entity<MediaBlob>(e =>
        {
            e.ToTable("Media_Blobs");
            e.HasKey(x => x.MediaFileId);
            e.HasOne(x => x.File).WithOne().HasForeignKey<MediaBlob>(x => x.MediaFileId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}

public sealed class MediaDesignTimeFactory : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<MediaDbContext>
{
    public MediaDbContext CreateDbContext(string[] args) => DesignTimeContextFactory.Create<MediaDbContext>("Media", args, (o, d) => new MediaDbContext(o, d));
}
