using System.Text.Json.Nodes;
using SaferBcp.Cms.Data;
using SaferBcp.Cms.Navigation;

namespace SaferBcp.Cms.Recipes.Steps;

/// <summary>{ "name": "menus", "menus": [ { "name": "main", "items": [ { "text": "Home", "url": "/" } ] } ] }</summary>
public sealed class MenusStep : IRecipeStep
{
    private readonly MenuService _menus;
    private readonly CmsDbContext _db;

    public MenusStep(MenuService menus, CmsDbContext db)
    {
        _menus = menus;
        _db = db;
    }

    public string Name => "menus";

    public int Order => 50;

    public void Validate(JsonObject step, RecipeErrors errors)
    {
        var menus = RecipeJson.Array(step, "menus", errors);
        for (var i = 0; menus is not null && i < menus.Count; i++)
        {
            var path = $"menus[{i}]";
            if (menus[i] is not JsonObject menu)
            {
                errors.Add(path, "must be an object");
                continue;
            }

            RecipeJson.Text(menu, "name", path, errors, maxLength: 64);
            var items = menu["items"] as JsonArray;
            if (items is null)
            {
                errors.Add($"{path}.items", "is missing: it must be a list of links");
                continue;
            }

            for (var j = 0; j < items.Count; j++)
            {
                var itemPath = $"{path}.items[{j}]";
                if (items[j] is not JsonObject item)
                {
                    errors.Add(itemPath, "must be an object with text and url");
                    continue;
                }

                RecipeJson.Text(item, "text", itemPath, errors, maxLength: 80);
                var url = RecipeJson.Text(item, "url", itemPath, errors, maxLength: 500);
                if (url is not null && !MenuService.IsAllowedUrl(url))
                {
                    errors.Add($"{itemPath}.url", "must start with / or https://");
                }
            }
        }
    }

    public async Task<int> ApplyAsync(JsonObject step, CancellationToken cancellationToken)
    {
        var changes = 0;
        foreach (var node in (JsonArray)step["menus"]!)
        {
            var menu = (JsonObject)node!;
            var links = ((JsonArray)menu["items"]!).Select(i => new MenuLink(i!["text"]!.GetValue<string>(), i["url"]!.GetValue<string>())).ToList();
            if (await _menus.SetAsync(menu["name"]!.GetValue<string>(), links))
            {
                changes++;
            }
        }

        await _db.SaveChangesAsync(cancellationToken);
        return changes;
    }

    public async Task<JsonObject?> ExportAsync(CancellationToken cancellationToken)
    {
        var array = new JsonArray();
        foreach (var name in await _menus.NamesAsync())
        {
            var items = new JsonArray((await _menus.GetAsync(name)).Select(l => (JsonNode)new JsonObject { ["text"] = l.Text, ["url"] = l.Url }).ToArray());
            array.Add(new JsonObject { ["name"] = name, ["items"] = items });
        }

        return new JsonObject { ["menus"] = array };
    }
}
