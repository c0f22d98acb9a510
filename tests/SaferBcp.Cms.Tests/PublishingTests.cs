using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Data;

namespace SaferBcp.Cms.Tests;

public sealed class PublishingTests : IAsyncLifetime
{
    private KernelHarness _kernel = null!;

    public async Task InitializeAsync() => _kernel = await KernelHarness.CreateAsync();

    public async Task DisposeAsync() => await _kernel.DisposeAsync();

    [Fact]
    public async Task A_saved_draft_is_not_on_the_public_site()
    {
        await using var scope = _kernel.Scope();
        var content = scope.ServiceProvider.GetRequiredService<ContentManager>();
        await content.SaveDraftAsync(KernelHarness.Article("a1", "Knife crime", "knife-crime"), "editor");

        Assert.Null(await content.GetPublishedByPathAsync("knife-crime"));
        Assert.Equal("Knife crime", (await content.GetAsync("a1", VersionOptions.Latest))!.DisplayText);
    }

    [Fact]
    public async Task Publishing_puts_the_latest_version_at_its_address()
    {
        await using var scope = _kernel.Scope();
        var content = scope.ServiceProvider.GetRequiredService<ContentManager>();
        await content.SaveDraftAsync(KernelHarness.Article("a1", "Knife crime", "knife-crime"), "editor");
        await content.PublishAsync("a1", "editor");

        var live = await content.GetPublishedByPathAsync("/knife-crime/");
        Assert.NotNull(live);
        Assert.Equal(1, live.Version);
        Assert.True(live.Latest);
    }

    [Fact]
    public async Task Editing_a_published_item_keeps_the_live_version_until_the_draft_is_published()
    {
        await using var scope = _kernel.Scope();
        var content = scope.ServiceProvider.GetRequiredService<ContentManager>();
        await content.SaveDraftAsync(KernelHarness.Article("a1", "First title", "page"), "editor");
        await content.PublishAsync("a1", "editor");

        var draft = await content.SaveDraftAsync(KernelHarness.Article("a1", "Second title", "page"), "editor");
        Assert.Equal(2, draft.Version);
        Assert.Equal("First title", (await content.GetPublishedByPathAsync("page"))!.DisplayText);

        await content.PublishAsync("a1", "editor");
        var versions = await content.ListVersionsAsync("a1");
        Assert.Equal("Second title", (await content.GetPublishedByPathAsync("page"))!.DisplayText);
        Assert.Single(versions, v => v.Published);
        Assert.Single(versions, v => v.Latest);
    }

    [Fact]
    public async Task Saving_a_draft_again_updates_the_same_version()
    {
        await using var scope = _kernel.Scope();
        var content = scope.ServiceProvider.GetRequiredService<ContentManager>();
        await content.SaveDraftAsync(KernelHarness.Article("a1", "One", "page"), "editor");
        var second = await content.SaveDraftAsync(KernelHarness.Article("a1", "Two", "page"), "editor");

        Assert.Equal(1, second.Version);
        Assert.Single(await content.ListVersionsAsync("a1"));
    }

    [Fact]
    public async Task An_unpublished_item_is_gone_from_its_address_but_keeps_its_history()
    {
        await using var scope = _kernel.Scope();
        var content = scope.ServiceProvider.GetRequiredService<ContentManager>();
        await content.SaveDraftAsync(KernelHarness.Article("a1", "Page", "page"), "editor");
        await content.PublishAsync("a1", "editor");

        Assert.True(await content.UnpublishAsync("a1", "editor"));
        Assert.Null(await content.GetPublishedByPathAsync("page"));
        Assert.NotNull(await content.GetAsync("a1", VersionOptions.Latest));
        Assert.False(await content.UnpublishAsync("a1", "editor"));
    }

    [Fact]
    public async Task Restoring_copies_an_old_version_into_a_new_draft()
    {
        await using var scope = _kernel.Scope();
        var content = scope.ServiceProvider.GetRequiredService<ContentManager>();
        await content.SaveDraftAsync(KernelHarness.Article("a1", "Original", "page"), "editor");
        await content.PublishAsync("a1", "editor");
        await content.SaveDraftAsync(KernelHarness.Article("a1", "Mistake", "page"), "editor");
        await content.PublishAsync("a1", "editor");

        var restored = await content.RestoreAsync("a1", 1, "editor");

        Assert.Equal(3, restored.Version);
        Assert.Equal("Original", restored.DisplayText);
        Assert.False(restored.Published);
        Assert.Equal("Mistake", (await content.GetPublishedByPathAsync("page"))!.DisplayText);
    }

    [Fact]
    public async Task Publish_and_unpublish_are_written_to_the_change_log_and_the_audit_log()
    {
        await using var scope = _kernel.Scope();
        var content = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
        await content.SaveDraftAsync(KernelHarness.Article("a1", "Page", "page"), "editor");
        await content.PublishAsync("a1", "editor");
        await content.UnpublishAsync("a1", "editor");

        var changes = await db.ContentChanges.OrderBy(c => c.Id).Select(c => c.Kind).ToListAsync();
        Assert.Equal([ContentChangeKind.Published, ContentChangeKind.Unpublished], changes);
        var audit = await db.AuditEntries.OrderBy(a => a.Id).Select(a => a.Action).ToListAsync();
        Assert.Equal(["content.saved", "content.published", "content.unpublished"], audit);
    }

    [Fact]
    public async Task A_missing_title_is_refused_with_a_message_on_the_field()
    {
        await using var scope = _kernel.Scope();
        var content = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var ex = await Assert.ThrowsAsync<ContentValidationException>(() => content.SaveDraftAsync(KernelHarness.Article("a1", "  ", "page"), "editor"));
        Assert.Contains(ex.Result.Errors, e => e.Field == "TitlePart.Title" && e.Message == "Enter a title");
        Assert.Null(await content.GetAsync("a1", VersionOptions.Latest));
    }
}
