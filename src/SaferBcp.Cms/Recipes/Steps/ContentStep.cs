using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SaferBcp.Cms.Content;

namespace SaferBcp.Cms.Recipes.Steps;

/// <summary>
/// { "name": "content", "items": [ { "contentItemId": "page-about", "contentType": "Page", "published": true, "parts": { "TitlePart": { "title": "About" }, ... } } ] }.
/// An item whose latest version already holds the same parts (and publication state) is left alone.
/// </summary>
public sealed partial class ContentStep : IRecipeStep
{
    private readonly ContentManager _content;
    private readonly ContentTypeRegistry _types;

    public ContentStep(ContentManager content, ContentTypeRegistry types)
    {
        _content = content;
        _types = types;
    }

    public string Name => "content";

    public int Order => 40;

    public void Validate(JsonObject step, RecipeErrors errors)
    {
        var items = RecipeJson.Array(step, "items", errors);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; items is not null && i < items.Count; i++)
        {
            var path = $"items[{i}]";
            if (items[i] is not JsonObject item)
            {
                errors.Add(path, "must be an object");
                continue;
            }

            var id = RecipeJson.Text(item, "contentItemId", path, errors, maxLength: 64);
            if (id is not null && !IdPattern().IsMatch(id))
            {
                errors.Add($"{path}.contentItemId", "may only use letters, numbers and hyphens (at most 64)");
            }
            else if (id is not null && !seen.Add(id))
            {
                errors.Add($"{path}.contentItemId", $"\"{id}\" appears twice in this recipe");
            }

            var type = RecipeJson.Text(item, "contentType", path, errors, maxLength: 64);
            if (type is not null && _types.Find(type) is null)
            {
                errors.Add($"{path}.contentType", $"\"{type}\" is not a content type. Known types: {string.Join(", ", _types.All.Select(t => t.Name))}");
            }

            RecipeJson.Bool(item, "published", path, errors, fallback: false);
            if (item["parts"] is not JsonObject parts)
            {
                errors.Add($"{path}.parts", "is missing: it must be an object of parts");
            }
            else
            {
                foreach (var (partName, part) in parts)
                {
                    if (part is not JsonObject)
                    {
                        errors.Add($"{path}.parts.{partName}", "must be an object");
                    }
                }
            }
        }
    }

    public async Task<int> ApplyAsync(JsonObject step, CancellationToken cancellationToken)
    {
        var changes = 0;
        var items = (JsonArray)step["items"]!;
        for (var i = 0; i < items.Count; i++)
        {
            var json = (JsonObject)items[i]!;
            var id = json["contentItemId"]!.GetValue<string>();
            var publish = json["published"]?.GetValue<bool>() ?? false;
            var incoming = new ContentItem
            {
                ContentItemId = id,
                ContentType = _types.Find(json["contentType"]!.GetValue<string>())!.Name,
                Content = (JsonObject)json["parts"]!.DeepClone(),
            };

            var latest = await _content.GetAsync(id, VersionOptions.Latest);
            if (latest is not null && latest.ContentType != incoming.ContentType)
            {
                throw new RecipeStepException($"items[{i}].contentType", $"\"{id}\" already exists as a {latest.ContentType}, not a {incoming.ContentType}");
            }

            try
            {
                var check = await _content.CheckAsync(incoming);
                if (!check.Succeeded)
                {
                    throw new ContentValidationException(check);
                }

                var same = latest is not null && JsonNode.DeepEquals(latest.Content, incoming.Content);
                if (!same)
                {
                    await _content.SaveDraftAsync(incoming, "recipe");
                    changes++;
                }

                var isPublished = same && latest!.Published;
                if (publish && !isPublished)
                {
                    await _content.PublishAsync(id, "recipe");
                    changes++;
                }
                else if (!publish && (await _content.GetAsync(id, VersionOptions.Published)) is not null)
                {
                    await _content.UnpublishAsync(id, "recipe");
                    changes++;
                }
            }
            catch (ContentValidationException ex)
            {
                var first = ex.Result.Errors.Count > 0 ? ex.Result.Errors[0] : (Field: "", Message: "is not valid");
                throw new RecipeStepException($"items[{i}].parts.{first.Field}", $"\"{id}\": {first.Message}");
            }
        }

        return changes;
    }

    public async Task<JsonObject?> ExportAsync(CancellationToken cancellationToken)
    {
        var array = new JsonArray();
        // Originals before translations: a translation's original must exist when the recipe is applied.
        var latest = await _content.Query().Where(c => c.Latest).OrderBy(c => c.ContentType).ThenBy(c => c.LocalizationSet != null).ThenBy(c => c.Path).ToListAsync(cancellationToken);
        var published = await _content.Query().Where(c => c.Published).ToDictionaryAsync(c => c.ContentItemId, cancellationToken);
        foreach (var item in latest)
        {
            // Export what the public sees where there is one; a never-published item as its draft.
            var version = published.GetValueOrDefault(item.ContentItemId) ?? item;
            array.Add(new JsonObject
            {
                ["contentItemId"] = version.ContentItemId,
                ["contentType"] = version.ContentType,
                ["published"] = version.Published,
                ["parts"] = version.Content.DeepClone(),
            });
        }

        return new JsonObject { ["items"] = array };
    }

    [GeneratedRegex("^[A-Za-z0-9-]{1,64}$")]
    private static partial Regex IdPattern();
}
