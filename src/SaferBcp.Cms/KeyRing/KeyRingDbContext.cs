using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using SaferBcp.Cms.Data;

namespace SaferBcp.Cms.KeyRing;

/// <summary>
/// The Data Protection key ring as rows, one per key, for nodes that share only the database (PostgreSQL). Each key's
/// secret is encrypted with the key protection certificate before it is written. Migrated on both providers so the
/// schema is the same everywhere; on SQLite the table stays empty (see <see cref="PortalKeyRing"/>).
/// </summary>
public sealed class KeyRingDbContext : DbContext, IDataProtectionKeyContext
{
    public KeyRingDbContext(DbContextOptions<KeyRingDbContext> options, PortalDatabase database)
        : base(options)
    {
        database.Attach(this);
    }

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
}

public sealed class KeyRingDesignTimeFactory : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<KeyRingDbContext>
{
    public KeyRingDbContext CreateDbContext(string[] args) =>
        DesignTimeContextFactory.Create<KeyRingDbContext>(PortalKeyRing.HistoryTableSuffix, args, (o, d) => new KeyRingDbContext(o, d));
}
