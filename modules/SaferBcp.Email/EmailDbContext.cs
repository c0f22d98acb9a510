using Microsoft.EntityFrameworkCore;
using SaferBcp.Cms.Data;
using SaferBcp.Email.Models;

namespace SaferBcp.Email;

public sealed class EmailDbContext : DbContext
{
    public EmailDbContext(DbContextOptions<EmailDbContext> options, PortalDatabase database)
        : base(options)
    {
        database.Attach(this);
    }

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<EmailTemplate> Templates => Set<EmailTemplate>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(e =>
        {
            e.ToTable("Email_Outbox");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Category).HasMaxLength(100);
            e.Property(x => x.LastError).HasMaxLength(300);
            e.Property(x => x.LockedBy).HasMaxLength(200);
            e.Property(x => x.Status).HasConversion<int>();
            e.HasIndex(x => new { x.Status, x.NextAttemptUtc });
        });

        modelBuilder.Entity<EmailTemplate>(e =>
        {
            e.ToTable("Email_Templates");
            e.HasKey(x => x.Name);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.Subject).HasMaxLength(500);
            e.Property(x => x.UpdatedBy).HasMaxLength(256);
        });
    }
}

public sealed class EmailDesignTimeFactory : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<EmailDbContext>
{
    public EmailDbContext CreateDbContext(string[] args) => DesignTimeContextFactory.Create<EmailDbContext>("Email", args, (o, d) => new EmailDbContext(o, d));
}
