using System.Text.Json.Nodes;
using SaferBcp.Cms.Recipes;

namespace SaferBcp.Media.Services;

/// <summary>
/// { "name": "media", "files": [ { "url": "/media/site/hero.png", "fileName": "hero.png", "description": "alt text", "base64": "..." } ] }.
/// Files go through the same checks as uploads; a file already at its address is left alone.
/// </summary>
public sealed class MediaStep : IRecipeStep
{
    private readonly MediaStore _store;

    public MediaStep(MediaStore store) => _store = store;

    public string Name => "media";

    public int Order => 30;

    public void Validate(JsonObject step, RecipeErrors errors)
    {
        var files = RecipeJson.Array(step, "files", errors);
        for (var i = 0; files is not null && i < files.Count; i++)
        {
            var path = $"files[{i}]";
            if (files[i] is not JsonObject file)
            {
                errors.Add(path, "must be an object");
                continue;
            }

            var url = RecipeJson.Text(file, "url", path, errors, maxLength: 200);
            if (url is not null && !MediaAddress.IsValid(url))
            {
                errors.Add($"{path}.url", "must start with /media/ and stay inside it");
            }

            RecipeJson.Text(file, "fileName", path, errors, maxLength: 260);
            RecipeJson.Text(file, "description", path, errors, maxLength: 500);
            var base64 = RecipeJson.Text(file, "base64", path, errors, maxLength: int.MaxValue);
            if (base64 is not null && !Convert.TryFromBase64String(base64, new byte[base64.Length], out _))
            {
                errors.Add($"{path}.base64", "is not valid base64");
            }
        }
    }

    public async Task<int> ApplyAsync(JsonObject step, CancellationToken cancellationToken)
    {
        var changes = 0;
        var files = (JsonArray)step["files"]!;
        for (var i = 0; i < files.Count; i++)
        {
            var json = (JsonObject)files[i]!;
            var url = json["url"]!.GetValue<string>();
            if (await _store.FindAsync(url) is not null)
            {
                continue;
            }

            var bytes = Convert.FromBase64String(json["base64"]!.GetValue<string>());
            using var stream = new MemoryStream(bytes);
            var (_, error) = await _store.SaveAsync(stream, bytes.Length, json["fileName"]!.GetValue<string>(), json["description"]!.GetValue<string>(), "recipe", url);
            if (error is not null)
            {
                throw new RecipeStepException($"files[{i}]", error);
            }

            changes++;
        }

        return changes;
    }

    public async Task<JsonObject?> ExportAsync(CancellationToken cancellationToken)
    {
        var array = new JsonArray();
        foreach (var file in await _store.ListAsync())
        {
            var bytes = await _store.ReadBytesAsync(file.Id);
            if (bytes is null)
            {
                continue;
            }

            array.Add(new JsonObject
            {
                ["url"] = file.Url,
                ["fileName"] = file.OriginalName,
                ["description"] = file.Description,
                ["base64"] = Convert.ToBase64String(bytes),
            });
        }

        return new JsonObject { ["files"] = array };
    }
}
