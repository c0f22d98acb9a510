using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Data;

namespace SaferBcp.Portal.Tests;

/// <summary>
/// Search indexes and caches read the content change log from a cursor ("everything after id N"). A change that takes
/// a lower id but commits after a higher one would be skipped for good, so writers of the log take turns until commit.
/// </summary>
public sealed class ChangeLogOrderTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _portal;

    public ChangeLogOrderTests(PortalFactory portal) => _portal = portal;

    [Fact]
    public async Task A_second_change_waits_for_the_first_to_commit_so_a_reader_never_moves_past_a_change_still_to_come()
    {
        _ = _portal.Server;
        await using var first = _portal.Services.CreateAsyncScope();
        await using var second = _portal.Services.CreateAsyncScope();

        var firstDatabase = first.ServiceProvider.GetRequiredService<PortalDatabase>();
        await using var firstTransaction = await firstDatabase.BeginTransactionAsync();
        await first.ServiceProvider.GetRequiredService<ContentChangeLog>().AppendAsync(Item("first"), ContentChangeKind.Published);
        await first.ServiceProvider.GetRequiredService<CmsDbContext>().SaveChangesAsync();

        var secondWrite = Task.Run(async () =>
        {
            await using var transaction = await second.ServiceProvider.GetRequiredService<PortalDatabase>().BeginTransactionAsync();
            await second.ServiceProvider.GetRequiredService<ContentChangeLog>().AppendAsync(Item("second"), ContentChangeKind.Published);
            await second.ServiceProvider.GetRequiredService<CmsDbContext>().SaveChangesAsync();
            await transaction.CommitAsync();
        });

        await Task.Delay(500);
        Assert.False(secondWrite.IsCompleted, "the second change was logged while the first was still uncommitted");

        await firstTransaction.CommitAsync();
        await secondWrite.WaitAsync(TimeSpan.FromSeconds(30));

        await using var reader = _portal.Services.CreateAsyncScope();
        var order = await reader.ServiceProvider.GetRequiredService<CmsDbContext>().ContentChanges.AsNoTracking()
            .Where(c => c.ContentItemId == "order-first" || c.ContentItemId == "order-second")
            .OrderBy(c => c.Id).Select(c => c.ContentItemId).ToListAsync();
        Assert.Equal(["order-first", "order-second"], order);
    }

    private static ContentItem Item(string name) => new() { ContentItemId = "order-" + name, ContentType = "Page" };
}
