using Microsoft.EntityFrameworkCore;
using SaferBcp.Cms.Data;
using SaferBcp.Forms.Models;

namespace SaferBcp.Forms;

public sealed class FormsDbContext : DbContext
{
    public FormsDbContext(DbContextOptions<FormsDbContext> options, PortalDatabase database)
        : base(options)
    {
        database.Attach(this);
    }

    public DbSet<FormSession> Sessions => Set<FormSession>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<FormSession>(e =>
        {
            e.ToTable("FormSessions");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.ContentItemId).HasMaxLength(64);
            e.Property(x => x.SubmittedReference).HasMaxLength(40);
            e.HasIndex(x => x.LastActivityUtc);
        });
    }
}

public sealed class FormsDesignTimeFactory : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<FormsDbContext>
{
    public FormsDbContext CreateDbContext(string[] args) => DesignTimeContextFactory.Create<FormsDbContext>("Forms", args, (o, d) => new FormsDbContext(o, d));
}
