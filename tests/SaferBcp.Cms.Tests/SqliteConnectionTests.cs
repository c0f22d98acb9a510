using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Data;

namespace SaferBcp.Cms.Tests;

public sealed class SqliteConnectionTests
{
    // The wait itself is measured by bench/SaferBcp.Benchmarks sqlite-lock-wait (docs/benchmarks.md), not timed here.
    [Fact]
    public async Task Every_portal_connection_waits_for_a_locked_database_with_SQLites_own_busy_handler()
    {
        await using var kernel = await KernelHarness.CreateAsync();
        for (var open = 0; open < 2; open++)
        {
            await using var scope = kernel.Scope();
            var database = scope.ServiceProvider.GetRequiredService<PortalDatabase>();
            await database.Connection.OpenAsync();
            await using var command = database.Connection.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout;";
            Assert.Equal((long)PortalDatabase.SqliteBusyTimeoutMilliseconds, await command.ExecuteScalarAsync());
        }
    }
}
