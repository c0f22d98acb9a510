using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace SaferBcp.Cms.Data;

public static class PortalDbContextExtensions
{
    /// <summary>
    /// Registers a module's DbContext on the scope's shared connection, with its own migrations history
    /// table, and lists it so its migrations run at start-up. Modules call this from their Startup.
    /// </summary>
    public static IServiceCollection AddPortalDbContext<TContext>(this IServiceCollection services, string historyTableSuffix)
        where TContext : DbContext
    {
        services.AddDbContext<TContext>((provider, options) =>
        {
            var database = provider.GetRequiredService<PortalDatabase>();
            options.UsePortalDatabase(database.Provider, database.Connection, typeof(TContext).Assembly.GetName().Name!, historyTableSuffix);
        });
        services.AddSingleton(new MigratedContext(typeof(TContext)));
        return services;
    }

    public static DbContextOptionsBuilder UsePortalDatabase(this DbContextOptionsBuilder options, DatabaseProvider provider, System.Data.Common.DbConnection connection, string migrationsAssembly, string historyTableSuffix)
    {
        var historyTable = "__EFMigrationsHistory_" + historyTableSuffix;
        _ = provider switch
        {
            DatabaseProvider.Postgres => options.UseNpgsql(connection, o => o.MigrationsAssembly(migrationsAssembly).MigrationsHistoryTable(historyTable)),
            _ => options.UseSqlite(connection, o => o.MigrationsAssembly(migrationsAssembly).MigrationsHistoryTable(historyTable)),
        };
        return options
            .ReplaceService<Microsoft.EntityFrameworkCore.Migrations.IMigrationsAssembly, ProviderMigrationsAssembly>()
            .ReplaceService<Microsoft.EntityFrameworkCore.Infrastructure.IModelCustomizer, PortalModelCustomizer>();
    }
}

/// <summary>A DbContext whose migrations the start-up applies.</summary>
public sealed record MigratedContext(Type ContextType);
