using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Recipes;

namespace SaferBcp.Cms.Data;

/// <summary>
/// `dotnet run --project src/SaferBcp.Portal -- export site.recipe.json` writes the site as a recipe;
/// `... -- import site.recipe.json` applies one; a bare name such as `demo.recipe.json` is also looked for in the
/// recipes folder (`import recipes/demo.recipe.json` adds the example data). Returns null when the arguments are not a command.
/// </summary>
public static class PortalCommandLine
{
    public static async Task<int?> TryRunAsync(WebApplication app, string[] args)
    {
        if (args.Length == 0 || args[0] is not ("export" or "import"))
        {
            return null;
        }

        if (args.Length != 2)
        {
            await Console.Error.WriteLineAsync($"Usage: {args[0]} <file.recipe.json>");
            return 2;
        }

        await PortalInitializer.InitializeAsync(app.Services);
        await using var scope = app.Services.CreateAsyncScope();
        var recipes = scope.ServiceProvider.GetRequiredService<RecipeExecutor>();
        if (args[0] == "export")
        {
            var recipe = await recipes.ExportAsync();
            await File.WriteAllTextAsync(args[1], recipe.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            Console.WriteLine($"Exported the site to {args[1]}");
            return 0;
        }

        // dotnet run may start in the project's folder rather than where the command was typed.
        var file = File.Exists(args[1]) ? args[1] : RecipeFiles.TryFind(app.Services, Path.GetFileName(args[1]));
        if (file is null)
        {
            await Console.Error.WriteLineAsync($"There is no file called {args[1]}");
            return 2;
        }

        try
        {
            var result = await recipes.ApplyAsync(await File.ReadAllTextAsync(file), Path.GetFileName(file));
            Console.WriteLine($"Imported {file}: {result.TotalChanges} change(s)");
            return 0;
        }
        catch (RecipeException ex)
        {
            await Console.Error.WriteLineAsync("Nothing was imported.");
            foreach (var error in ex.Errors)
            {
                await Console.Error.WriteLineAsync("  " + (error.Step.Length == 0 ? error.Message : error.ToString()));
            }

            return 1;
        }
    }
}
