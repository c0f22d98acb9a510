using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace SaferBcp.Cms.Data;

/// <summary>Builds a module's DbContext for `dotnet ef migrations add` (SQLite migrations).</summary>
public static class DesignTimeContextFactory
{
    public static TContext Create<TContext>(string historyTableSuffix, Func<DbContextOptions<TContext>, PortalDatabase, TContext> create)
        where TContext : DbContext
    {
        var connection = new SqliteConnection("Data Source=design-time.db");
        var database = new PortalDatabase(connection, DatabaseProvider.Sqlite);
        var options = new DbContextOptionsBuilder<TContext>();
        options.UsePortalDatabase(DatabaseProvider.Sqlite, connection, typeof(TContext).Assembly.GetName().Name!, historyTableSuffix);
        return create(options.Options, database);
    }
}

public sealed class CmsDesignTimeFactory : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<CmsDbContext>
{
    public CmsDbContext CreateDbContext(string[] args) => DesignTimeContextFactory.Create<CmsDbContext>("Cms", (o, d) => new CmsDbContext(o, d));
}
