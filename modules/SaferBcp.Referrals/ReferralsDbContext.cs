using Microsoft.EntityFrameworkCore;
using SaferBcp.Cms.Data;
using SaferBcp.Referrals.Models;

namespace SaferBcp.Referrals;

public sealed class ReferralsDbContext : DbContext
{
    public ReferralsDbContext(DbContextOptions<ReferralsDbContext> options, PortalDatabase database)
        : base(options)
    {
        database.Attach(this);
    }

    public DbSet<Team> Teams => Set<Team>();

    public DbSet<TeamMember> TeamMembers => Set<TeamMember>();

    public DbSet<RoutingRule> Rules => Set<RoutingRule>();

    public DbSet<Referral> Referrals => Set<Referral>();

    public DbSet<ReferralNote> Notes => Set<ReferralNote>();

    public DbSet<ReferralEvent> Events => Set<ReferralEvent>();

    public DbSet<FormRetention> Retention => Set<FormRetention>();

    public DbSet<ReferralSettings> Settings => Set<ReferralSettings>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Team>(e =>
        {
            e.ToTable("Referrals_Teams");
            e.Property(x => x.Name).HasMaxLength(200);
            e.HasIndex(x => x.Name).IsUnique();
            e.Property(x => x.NotificationAddresses).HasMaxLength(2000);
            e.Property(x => x.ResponseTime).HasMaxLength(200);
            e.Property(x => x.PublicName).HasMaxLength(200);
            e.Ignore(x => x.Addresses);
            e.HasMany(x => x.Members).WithOne().HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<TeamMember>(e =>
        {
            e.ToTable("Referrals_TeamMembers");
            e.Property(x => x.UserId).HasMaxLength(450);
            e.Property(x => x.UserName).HasMaxLength(256);
            e.HasIndex(x => new { x.TeamId, x.UserId }).IsUnique();
            e.HasIndex(x => x.UserId);
        });
        modelBuilder.Entity<RoutingRule>(e =>
        {
            e.ToTable("Referrals_Rules");
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.FormSlug).HasMaxLength(100);
            e.Property(x => x.Areas).HasMaxLength(200);
            e.Property(x => x.AgeBands).HasMaxLength(200);
            e.Property(x => x.Priority).HasConversion<string>().HasMaxLength(20);
            e.Ignore(x => x.AreaList);
            e.Ignore(x => x.AgeBandList);
            e.HasOne<Team>().WithMany().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<Referral>(e =>
        {
            e.ToTable("Referrals_Referrals");
            e.Property(x => x.Reference).HasMaxLength(20);
            e.HasIndex(x => x.Reference).IsUnique();
            e.Property(x => x.SubmissionKey).HasMaxLength(100);
            e.HasIndex(x => x.SubmissionKey).IsUnique();
            e.Property(x => x.FormContentItemId).HasMaxLength(64);
            e.Property(x => x.FormSlug).HasMaxLength(100);
            e.Property(x => x.FormTitle).HasMaxLength(300);
            e.Property(x => x.Priority).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Outcome).HasMaxLength(100);
            e.HasIndex(x => new { x.TeamId, x.Status, x.ReceivedUtc });
            e.HasIndex(x => x.CopyTeamId);
            e.HasIndex(x => new { x.Status, x.ClosedUtc });
            e.HasMany(x => x.Notes).WithOne().HasForeignKey(n => n.ReferralId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Events).WithOne().HasForeignKey(n => n.ReferralId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ReferralNote>(e =>
        {
            e.ToTable("Referrals_Notes");
            e.Property(x => x.AuthorName).HasMaxLength(256);
        });
        modelBuilder.Entity<ReferralEvent>(e =>
        {
            e.ToTable("Referrals_Events");
            e.Property(x => x.Description).HasMaxLength(500);
            e.Property(x => x.UserName).HasMaxLength(256);
        });
        modelBuilder.Entity<FormRetention>(e =>
        {
            e.ToTable("Referrals_Retention");
            e.Property(x => x.FormSlug).HasMaxLength(100);
            e.HasIndex(x => x.FormSlug).IsUnique();
        });
        modelBuilder.Entity<ReferralSettings>(e => e.ToTable("Referrals_Settings"));
    }
}

public sealed class ReferralsDesignTimeFactory : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<ReferralsDbContext>
{
    public ReferralsDbContext CreateDbContext(string[] args) => DesignTimeContextFactory.Create<ReferralsDbContext>("Referrals", args, (o, d) => new ReferralsDbContext(o, d));
}
