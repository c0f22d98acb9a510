using System.Text.Json.Nodes;
using SaferBcp.Cms.Data;
using SaferBcp.Cms.Settings;

namespace SaferBcp.Cms.Recipes.Steps;

/// <summary>{ "name": "settings", "settings": { "SiteName": "Safer BCP", ... } }</summary>
public sealed class SettingsStep : IRecipeStep
{
    private readonly SiteSettings _settings;
    private readonly CmsDbContext _db;

    public SettingsStep(SiteSettings settings, CmsDbContext db)
    {
        _settings = settings;
        _db = db;
    }

    public string Name => "settings";

    public int Order => 0;

    public void Validate(JsonObject step, RecipeErrors errors)
    {
        if (step["settings"] is not JsonObject settings)
        {
            errors.Add("settings", "is missing: it must be an object of names and text values");
            return;
        }

        foreach (var (key, value) in settings)
        {
            if (value is not JsonValue v || !v.TryGetValue<string>(out _))
            {
                errors.Add($"settings.{key}", "must be text");
            }
            else if (key.Length > 100)
            {
                errors.Add($"settings.{key}", "the name must be 100 characters or fewer");
            }
        }
    }

    public async Task<int> ApplyAsync(JsonObject step, CancellationToken cancellationToken)
    {
        var values = ((JsonObject)step["settings"]!).ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());
        var changed = await _settings.SetAsync(values);
        await _db.SaveChangesAsync(cancellationToken);
        return changed;
    }

    public async Task<JsonObject?> ExportAsync(CancellationToken cancellationToken)
    {
        var settings = new JsonObject();
        foreach (var (key, value) in (await _settings.GetAllAsync()).OrderBy(p => p.Key))
        {
            if (!key.StartsWith("Setup", StringComparison.Ordinal))
            {
                settings[key] = value;
            }
        }

        return new JsonObject { ["settings"] = settings };
    }
}
