using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Data;

namespace SaferBcp.Cms.Tests;

/// <summary>
/// Two requests saving at once on SQLite: the second waits its turn in the portal rather than in SQLite's busy handler,
/// and goes in as soon as the first has finished, however it finished. (How long the waits are is measured by
/// bench/referral-submit.sh, docs/benchmarks.md section 4, not timed here.)
/// </summary>
public sealed class SqliteWriterQueueTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static async Task SaveAuditAsync(AsyncServiceScope scope, string action)
    {
        var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
        db.AuditEntries.Add(new AuditEntry { Action = action, SubjectType = "Test", OccurredUtc = DateTime.UtcNow });
        await db.SaveChangesAsync();
    }

    private static async Task<string[]> AuditActionsAsync(KernelHarness kernel)
    {
        await using var scope = kernel.Scope();
        return await scope.ServiceProvider.GetRequiredService<CmsDbContext>().AuditEntries.Where(a => a.SubjectType == "Test").OrderBy(a => a.Id).Select(a => a.Action).ToArrayAsync();
    }

    [Fact]
    public async Task A_second_save_waits_for_the_first_to_commit_then_goes_in()
    {
        await using var kernel = await KernelHarness.CreateAsync();
        await using var first = kernel.Scope();
        await using var second = kernel.Scope();
        var firstTransaction = await first.ServiceProvider.GetRequiredService<PortalDatabase>().BeginTransactionAsync();
        await SaveAuditAsync(first, "first");

        var secondBegins = second.ServiceProvider.GetRequiredService<PortalDatabase>().BeginTransactionAsync();
        await Task.Delay(100);
        Assert.False(secondBegins.IsCompleted, "The second save began while the first still held the database");

        await firstTransaction.CommitAsync();
        await using (var secondTransaction = await secondBegins.WaitAsync(Patience))
        {
            await SaveAuditAsync(second, "second");
            await secondTransaction.CommitAsync();
        }

        await firstTransaction.DisposeAsync();
        Assert.Equal(["first", "second"], await AuditActionsAsync(kernel));
    }

    [Fact]
    public async Task A_save_that_fails_and_rolls_back_lets_the_next_one_in_and_keeps_none_of_its_changes()
    {
        await using var kernel = await KernelHarness.CreateAsync();
        await using var failing = kernel.Scope();
        await using var next = kernel.Scope();
        var failingTransaction = await failing.ServiceProvider.GetRequiredService<PortalDatabase>().BeginTransactionAsync();
        await SaveAuditAsync(failing, "rolled back");
        var nextBegins = next.ServiceProvider.GetRequiredService<PortalDatabase>().BeginTransactionAsync();

        await failingTransaction.DisposeAsync();
        await using (var nextTransaction = await nextBegins.WaitAsync(Patience))
        {
            await SaveAuditAsync(next, "next");
            await nextTransaction.CommitAsync();
        }

        Assert.Equal(["next"], await AuditActionsAsync(kernel));
    }

    [Fact]
    public async Task A_request_abandoned_mid_save_or_while_waiting_does_not_keep_the_database_from_others()
    {
        await using var kernel = await KernelHarness.CreateAsync();
        var holding = kernel.Scope();
        await holding.ServiceProvider.GetRequiredService<PortalDatabase>().BeginTransactionAsync();

        // A request that gives up while waiting (the visitor went away).
        await using (var giveUp = kernel.Scope())
        {
            using var goneAway = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => giveUp.ServiceProvider.GetRequiredService<PortalDatabase>().BeginTransactionAsync(goneAway.Token));
        }

        // The holding request ends without committing or disposing its transaction: its scope's end rolls it back.
        await using var later = kernel.Scope();
        var laterBegins = later.ServiceProvider.GetRequiredService<PortalDatabase>().BeginTransactionAsync();
        await holding.DisposeAsync();
        await using (var laterTransaction = await laterBegins.WaitAsync(Patience))
        {
            await SaveAuditAsync(later, "later");
            await laterTransaction.CommitAsync();
        }

        Assert.Equal(["later"], await AuditActionsAsync(kernel));
    }
}
