using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Content;

namespace SaferBcp.Cms.Tests;

public sealed class SlugTests : IAsyncLifetime
{
    private KernelHarness _kernel = null!;

    public async Task InitializeAsync() => _kernel = await KernelHarness.CreateAsync();

    public async Task DisposeAsync() => await _kernel.DisposeAsync();

    [Theory]
    [InlineData("Knife crime – what to do", "knife-crime-what-to-do")]
    [InlineData("Drugs & alcohol", "drugs-and-alcohol")]
    [InlineData("  16 Days of Action!  ", "16-days-of-action")]
    public void A_title_becomes_a_readable_address(string title, string expected) =>
        Assert.Equal(expected, ContentPath.Slugify(title));

    [Theory]
    [InlineData("domestic-abuse/marac", true)]
    [InlineData("Domestic Abuse", false)]
    [InlineData("a//b", false)]
    [InlineData("-start", false)]
    [InlineData("../etc", false)]
    public void Addresses_must_be_well_formed(string path, bool expected) => Assert.Equal(expected, ContentPath.IsWellFormed(path));

    [Fact]
    public async Task An_address_already_used_by_another_item_is_refused_on_the_field()
    {
        await using var scope = _kernel.Scope();
        var content = scope.ServiceProvider.GetRequiredService<ContentManager>();
        await content.SaveDraftAsync(KernelHarness.Article("a1", "Prevent", "prevent"), "editor");

        var ex = await Assert.ThrowsAsync<ContentValidationException>(() => content.SaveDraftAsync(KernelHarness.Article("a2", "Another", "prevent"), "editor"));

        var error = Assert.Single(ex.Result.Errors);
        Assert.Equal("AutoroutePart.Path", error.Field);
        Assert.Contains("already used by \"Prevent\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_portals_own_addresses_cannot_be_taken()
    {
        await using var scope = _kernel.Scope();
        var content = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var ex = await Assert.ThrowsAsync<ContentValidationException>(() => content.SaveDraftAsync(KernelHarness.Article("a1", "Sneaky", "admin/users"), "editor"));
        Assert.Contains("used by the portal itself", ex.Result.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_the_address_sends_the_old_one_to_the_new_one()
    {
        await using var scope = _kernel.Scope();
        var content = scope.ServiceProvider.GetRequiredService<ContentManager>();
        await content.SaveDraftAsync(KernelHarness.Article("a1", "ASB", "asb"), "editor");
        await content.PublishAsync("a1", "editor");
        await content.SaveDraftAsync(KernelHarness.Article("a1", "ASB", "anti-social-behaviour"), "editor");

        Assert.Null(await content.FindRedirectAsync("asb"));
        await content.PublishAsync("a1", "editor");

        Assert.Equal("anti-social-behaviour", await content.FindRedirectAsync("asb"));
        Assert.Null(await content.GetPublishedByPathAsync("asb"));
    }

    [Fact]
    public async Task An_old_address_can_be_given_to_a_new_item_and_then_stops_redirecting()
    {
        await using var scope = _kernel.Scope();
        var content = scope.ServiceProvider.GetRequiredService<ContentManager>();
        await content.SaveDraftAsync(KernelHarness.Article("a1", "One", "news-old"), "editor");
        await content.PublishAsync("a1", "editor");
        await content.SaveDraftAsync(KernelHarness.Article("a1", "One", "news-new"), "editor");
        await content.PublishAsync("a1", "editor");

        await content.SaveDraftAsync(KernelHarness.Article("a2", "Two", "news-old"), "editor");
        await content.PublishAsync("a2", "editor");

        Assert.Null(await content.FindRedirectAsync("news-old"));
        Assert.Equal("Two", (await content.GetPublishedByPathAsync("news-old"))!.DisplayText);
    }

    [Fact]
    public async Task A_redirect_to_an_unpublished_item_leads_nowhere()
    {
        await using var scope = _kernel.Scope();
        var content = scope.ServiceProvider.GetRequiredService<ContentManager>();
        await content.SaveDraftAsync(KernelHarness.Article("a1", "One", "first"), "editor");
        await content.PublishAsync("a1", "editor");
        await content.SaveDraftAsync(KernelHarness.Article("a1", "One", "second"), "editor");
        await content.PublishAsync("a1", "editor");
        await content.UnpublishAsync("a1", "editor");

        Assert.Null(await content.FindRedirectAsync("first"));
    }
}
