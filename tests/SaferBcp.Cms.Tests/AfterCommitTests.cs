using Microsoft.Data.Sqlite;
using SaferBcp.Cms.Data;

namespace SaferBcp.Cms.Tests;

public sealed class AfterCommitTests
{
    private static PortalDatabase InMemory() => new(new SqliteConnection("Data Source=:memory:"), DatabaseProvider.Sqlite);

    [Fact]
    public async Task A_signal_registered_in_a_unit_of_work_runs_only_once_the_outermost_transaction_commits()
    {
        await using var database = InMemory();
        var signals = new List<string>();
        await using (var outer = await database.BeginTransactionAsync())
        {
            await using (var inner = await database.BeginTransactionAsync())
            {
                database.AfterCommit(() => signals.Add("response stored"));
                await inner.CommitAsync();
            }

            Assert.Empty(signals);
            await outer.CommitAsync();
        }

        Assert.Equal(["response stored"], signals);
    }

    [Fact]
    public async Task A_signal_registered_in_a_unit_of_work_that_rolls_back_never_runs()
    {
        await using var database = InMemory();
        var signals = new List<string>();
        await using (await database.BeginTransactionAsync())
        {
            database.AfterCommit(() => signals.Add("response stored"));
        }

        await using (var next = await database.BeginTransactionAsync())
        {
            await next.CommitAsync();
        }

        Assert.Empty(signals);
    }

    [Fact]
    public async Task Outside_a_transaction_the_signal_runs_at_once()
    {
        await using var database = InMemory();
        var ran = false;
        database.AfterCommit(() => ran = true);
        Assert.True(ran);
    }
}
