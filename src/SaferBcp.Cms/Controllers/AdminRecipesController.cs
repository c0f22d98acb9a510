using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using SaferBcp.Cms.Recipes;
using SaferBcp.Cms.Security;

namespace SaferBcp.Cms.Controllers;

/// <summary>Download the site as a recipe, or upload a recipe to apply (all-or-nothing).</summary>
[Route("admin/recipes")]
[Authorize(Policy = CmsPermissions.ImportExportRecipes)]
public sealed class AdminRecipesController : AdminControllerBase
{
    private const long MaxRecipeBytes = 50 * 1024 * 1024;
    private readonly RecipeExecutor _recipes;
    private readonly Audit.AuditLog _audit;

    public AdminRecipesController(RecipeExecutor recipes, Audit.AuditLog audit)
    {
        _recipes = recipes;
        _audit = audit;
    }

    [HttpGet("")]
    public IActionResult Index()
    {
        ViewData["Title"] = "Import and export";
        return View(new RecipeImportModel(null, []));
    }

    [HttpGet("export")]
    public async Task<IActionResult> Export()
    {
        var recipe = await _recipes.ExportAsync(HttpContext.RequestAborted);
        await _audit.WriteAsync("recipe.exported", "Recipe", null, "Site exported as a recipe");
        var bytes = Encoding.UTF8.GetBytes(recipe.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return File(bytes, "application/json", $"saferbcp-export-{DateTime.UtcNow:yyyyMMdd-HHmm}.recipe.json");
    }

    [HttpPost("import")]
    [RequestSizeLimit(MaxRecipeBytes)]
    public async Task<IActionResult> Import(IFormFile? recipe)
    {
        ViewData["Title"] = "Import and export";
        if (recipe is null || recipe.Length == 0)
        {
            return Failed("Choose a recipe file (.json) to import");
        }

        string json;
        using (var reader = new StreamReader(recipe.OpenReadStream(), Encoding.UTF8))
        {
            json = await reader.ReadToEndAsync();
        }

        try
        {
            var result = await _recipes.ApplyAsync(json, "upload " + Path.GetFileName(recipe.FileName));
            Notice(result.TotalChanges == 0
                ? "The recipe was applied. Nothing needed to change"
                : $"The recipe was applied: {result.TotalChanges} change(s) ({string.Join(", ", result.Steps.Where(s => s.Changes > 0).Select(s => $"{s.Step} {s.Changes}"))})");
            return RedirectToAction(nameof(Index));
        }
        catch (RecipeException ex)
        {
            return Failed(ex.Errors.Select(e => e.Step.Length == 0 ? e.Message : e.ToString()).ToArray());
        }
    }

    /// <summary>Adds the demo recipe's example data (marked "example" wherever it appears), for trying the portal.</summary>
    [HttpPost("demo")]
    public async Task<IActionResult> ApplyDemo()
    {
        ViewData["Title"] = "Import and export";
        if (Data.RecipeFiles.TryFind(HttpContext.RequestServices, Data.RecipeFiles.Demo) is not { } file)
        {
            return Failed($"The demo recipe ({Data.RecipeFiles.Demo}) is not installed with this portal");
        }

        try
        {
            var result = await _recipes.ApplyAsync(await System.IO.File.ReadAllTextAsync(file, HttpContext.RequestAborted), Data.RecipeFiles.Demo);
            Notice(result.TotalChanges == 0 ? "The example data is already there" : $"Example data added: {result.TotalChanges} change(s)");
            return RedirectToAction(nameof(Index));
        }
        catch (RecipeException ex)
        {
            return Failed(ex.Errors.Select(e => e.Step.Length == 0 ? e.Message : e.ToString()).ToArray());
        }
    }

    private ViewResult Failed(params string[] errors)
    {
        Response.StatusCode = 400;
        ViewData["Title"] = "Error: Import and export";
        return View("Index", new RecipeImportModel("Nothing was imported", errors));
    }
}

public sealed record RecipeImportModel(string? Summary, IReadOnlyList<string> Errors);
