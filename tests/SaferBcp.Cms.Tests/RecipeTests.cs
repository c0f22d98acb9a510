using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Data;
using SaferBcp.Cms.Recipes;
using SaferBcp.Cms.Settings;

namespace SaferBcp.Cms.Tests;

public sealed class RecipeTests : IAsyncLifetime
{
    private const string GoodRecipe = """
        {
          "name": "test",
          "steps": [
            { "name": "settings", "settings": { "SiteName": "Safer BCP" } },
            { "name": "roles", "roles": [ { "name": "Editor", "description": "Comms", "permissions": ["AccessAdmin", "ManageContent"] } ] },
            { "name": "content", "items": [
              { "contentItemId": "about", "contentType": "Article", "published": true, "parts": { "TitlePart": { "title": "About" }, "AutoroutePart": { "path": "about" } } },
              { "contentItemId": "draft", "contentType": "Article", "published": false, "parts": { "TitlePart": { "title": "Draft" }, "AutoroutePart": { "path": "draft" } } }
            ] },
            { "name": "menus", "menus": [ { "name": "main", "items": [ { "text": "About", "url": "/about" } ] } ] }
          ]
        }
        """;

    private KernelHarness _kernel = null!;

    public async Task InitializeAsync() => _kernel = await KernelHarness.CreateAsync();

    public async Task DisposeAsync() => await _kernel.DisposeAsync();

    [Fact]
    public async Task A_recipe_builds_the_site_and_applying_it_again_changes_nothing()
    {
        await using var scope = _kernel.Scope();
        var recipes = scope.ServiceProvider.GetRequiredService<RecipeExecutor>();

        var first = await recipes.ApplyAsync(GoodRecipe, "test");
        var second = await recipes.ApplyAsync(GoodRecipe, "test");

        Assert.True(first.TotalChanges > 0);
        Assert.Equal(0, second.TotalChanges);
        var content = scope.ServiceProvider.GetRequiredService<ContentManager>();
        Assert.NotNull(await content.GetPublishedByPathAsync("about"));
        Assert.Null(await content.GetPublishedByPathAsync("draft"));
        Assert.Single(await content.ListVersionsAsync("about"));
    }

    [Fact]
    public async Task An_unknown_step_is_named_with_its_position()
    {
        await using var scope = _kernel.Scope();
        var recipes = scope.ServiceProvider.GetRequiredService<RecipeExecutor>();
        var ex = await Assert.ThrowsAsync<RecipeException>(() => recipes.ApplyAsync("""{ "steps": [ { "name": "settings", "settings": {} }, { "name": "widgets" } ] }""", "test"));

        var error = Assert.Single(ex.Errors);
        Assert.Equal(1, error.StepIndex);
        Assert.Equal("name", error.Field);
        Assert.Contains("\"widgets\" is not a step", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_field_is_named_and_nothing_is_applied()
    {
        await using var scope = _kernel.Scope();
        var recipes = scope.ServiceProvider.GetRequiredService<RecipeExecutor>();
        var recipe = RecipeExecutor.Parse(GoodRecipe);
        ((JsonObject)recipe["steps"]![2]!["items"]![1]!).Remove("contentType");

        var ex = await Assert.ThrowsAsync<RecipeException>(() => recipes.ApplyAsync(recipe, "test"));

        Assert.Contains(ex.Errors, e => e.Step == "content" && e.Field == "items[1].contentType");
        Assert.Equal("", await scope.ServiceProvider.GetRequiredService<SiteSettings>().GetAsync(SiteSettings.SiteName));
    }

    [Fact]
    public async Task A_recipe_that_fails_halfway_leaves_nothing_behind()
    {
        await using var scope = _kernel.Scope();
        var recipes = scope.ServiceProvider.GetRequiredService<RecipeExecutor>();
        // Valid in shape, but the second item takes the first one's address: found only while applying.
        var recipe = RecipeExecutor.Parse(GoodRecipe.Replace("\"path\": \"draft\"", "\"path\": \"about\"", StringComparison.Ordinal));

        var ex = await Assert.ThrowsAsync<RecipeException>(() => recipes.ApplyAsync(recipe, "test"));

        var error = Assert.Single(ex.Errors);
        Assert.Equal("content", error.Step);
        Assert.Equal("items[1].parts.AutoroutePart.Path", error.Field);
        await using var check = _kernel.Scope();
        var db = check.ServiceProvider.GetRequiredService<CmsDbContext>();
        Assert.Equal(0, await db.ContentItems.CountAsync());
        Assert.Equal(0, await db.SiteSettings.CountAsync());
        Assert.Equal(0, await db.Roles.CountAsync());
        Assert.Equal(0, await db.ContentChanges.CountAsync());
    }

    [Fact]
    public async Task An_unknown_permission_is_refused()
    {
        await using var scope = _kernel.Scope();
        var recipes = scope.ServiceProvider.GetRequiredService<RecipeExecutor>();
        var ex = await Assert.ThrowsAsync<RecipeException>(() => recipes.ApplyAsync(GoodRecipe.Replace("\"ManageContent\"", "\"DoAnything\"", StringComparison.Ordinal), "test"));
        Assert.Contains(ex.Errors, e => e.Field == "roles[0].permissions[1]");
    }

    [Fact]
    public async Task Malformed_json_says_where()
    {
        await using var scope = _kernel.Scope();
        var recipes = scope.ServiceProvider.GetRequiredService<RecipeExecutor>();
        var ex = await Assert.ThrowsAsync<RecipeException>(() => recipes.ApplyAsync("{ \"steps\": [ \n { \"name\": }", "test"));
        Assert.Contains("not valid JSON (line 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_export_applied_to_an_empty_site_reproduces_it()
    {
        JsonObject exported;
        await using (var scope = _kernel.Scope())
        {
            var recipes = scope.ServiceProvider.GetRequiredService<RecipeExecutor>();
            await recipes.ApplyAsync(GoodRecipe, "test");
            exported = await recipes.ExportAsync();
            Assert.Equal(0, (await recipes.ApplyAsync((JsonObject)exported.DeepClone(), "export")).TotalChanges);
        }

        await using var other = await KernelHarness.CreateAsync();
        await using var otherScope = other.Scope();
        await otherScope.ServiceProvider.GetRequiredService<RecipeExecutor>().ApplyAsync(exported, "export");
        var content = otherScope.ServiceProvider.GetRequiredService<ContentManager>();
        Assert.Equal("About", (await content.GetPublishedByPathAsync("about"))!.DisplayText);
        Assert.NotNull(await content.GetAsync("draft", VersionOptions.Latest));
        Assert.Equal("Safer BCP", await otherScope.ServiceProvider.GetRequiredService<SiteSettings>().GetAsync(SiteSettings.SiteName));
    }
}
