using System.Text.Json.Nodes;

namespace SaferBcp.Cms.Recipes;

/// <summary>Small helpers for reading recipe JSON with field-named errors.</summary>
public static class RecipeJson
{
    public static JsonArray? Array(JsonObject step, string field, RecipeErrors errors, bool required = true)
    {
        var node = step[field];
        if (node is JsonArray array)
        {
            return array;
        }

        if (node is not null || required)
        {
            errors.Add(field, node is null ? "is missing: it must be a list" : "must be a list");
        }

        return null;
    }

    public static string? Text(JsonObject obj, string field, string path, RecipeErrors errors, bool required = true, int maxLength = 100_000)
    {
        var node = obj[field];
        if (node is null)
        {
            if (required)
            {
                errors.Add($"{path}.{field}", "is missing");
            }

            return null;
        }

        if (node is not JsonValue value || !value.TryGetValue<string>(out var text))
        {
            errors.Add($"{path}.{field}", "must be text");
            return null;
        }

        if (required && string.IsNullOrWhiteSpace(text))
        {
            errors.Add($"{path}.{field}", "must not be empty");
        }

        if (text.Length > maxLength)
        {
            errors.Add($"{path}.{field}", $"must be {maxLength} characters or fewer");
        }

        return text;
    }

    public static bool Bool(JsonObject obj, string field, string path, RecipeErrors errors, bool fallback)
    {
        var node = obj[field];
        if (node is null)
        {
            return fallback;
        }

        if (node is JsonValue value && value.TryGetValue<bool>(out var flag))
        {
            return flag;
        }

        errors.Add($"{path}.{field}", "must be true or false");
        return fallback;
    }
}
