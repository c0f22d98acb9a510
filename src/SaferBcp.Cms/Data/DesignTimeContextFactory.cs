using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace SaferBcp.Cms.Data;

/// <summary>
/// Builds a module's DbContext for `dotnet ef migrations add`: SQLite by default, PostgreSQL when the tool is given
/// `-- --provider Postgres` (see docs/deployment.md, "Adding a migration"). No database is opened.
/// </summary>
public static class DesignTimeContextFactory
{
    public static TContext Create<TContext>(string historyTableSuffix, string[] args, Func<DbContextOptions<TContext>, PortalDatabase, TContext> create)
        where TContext : DbContext
    {
        var provider = ProviderFrom(args);
        System.Data.Common.DbConnection connection = provider == DatabaseProvider.Postgres
            ? new NpgsqlConnection("Host=localhost;Database=design_time")
            : new SqliteConnection("Data Source=design-time.db");
        var database = new PortalDatabase(connection, provider);
        var options = new DbContextOptionsBuilder<TContext>();
        options.UsePortalDatabase(provider, connection, typeof(TContext).Assembly.GetName().Name!, historyTableSuffix);
        return create(options.Options, database);
    }

    private static DatabaseProvider ProviderFrom(string[] args)
    {
        var index = Array.IndexOf(args, "--provider");
        return index >= 0 && index + 1 < args.Length ? Enum.Parse<DatabaseProvider>(args[index + 1], ignoreCase: true) : DatabaseProvider.Sqlite;
    }
}

public sealed class CmsDesignTimeFactory : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<CmsDbContext>
{
    public CmsDbContext CreateDbContext(string[] args) => DesignTimeContextFactory.Create<CmsDbContext>("Cms", args, (o, d) => new CmsDbContext(o, d));
}
