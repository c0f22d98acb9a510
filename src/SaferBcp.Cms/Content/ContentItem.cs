using System.Text.Json;
using System.Text.Json.Nodes;

namespace SaferBcp.Cms.Content;

/// <summary>
/// One version of a content item: a JSON document of named parts. Every version of an item shares its
/// ContentItemId; at most one version is Latest and at most one is Published (they may be the same one).
/// </summary>
public sealed class ContentItem
{
    public int Id { get; set; }

    public string ContentItemId { get; set; } = "";

    public int Version { get; set; }

    public string ContentType { get; set; } = "";

    public string DisplayText { get; set; } = "";

    /// <summary>The public address (from AutoroutePart), kept as a column so routes and uniqueness are queries.</summary>
    public string? Path { get; set; }

    /// <summary>The language of this version (from LocalizationPart; "en" when it has none), so (Path, Culture) is unique.</summary>
    public string Culture { get; set; } = "en";

    /// <summary>On a translation: the ContentItemId of the English original it translates (from LocalizationPart).</summary>
    public string? LocalizationSet { get; set; }

    public bool Latest { get; set; }

    public bool Published { get; set; }

    public string? Owner { get; set; }

    public string? Author { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime ModifiedUtc { get; set; }

    public DateTime? PublishedUtc { get; set; }

    /// <summary>On the latest draft: publish it at this instant.</summary>
    public DateTime? PublishAtUtc { get; set; }

    /// <summary>On the published version: take it down at this instant.</summary>
    public DateTime? UnpublishAtUtc { get; set; }

    /// <summary>The parts, keyed by part name (e.g. "TitlePart").</summary>
    public JsonObject Content { get; set; } = new();

    public T As<T>()
        where T : ContentPart, new()
    {
        var node = Content[typeof(T).Name];
        return node is null ? new T() : node.Deserialize<T>(ContentJson.Options) ?? new T();
    }

    public bool Has<T>()
        where T : ContentPart => Content.ContainsKey(typeof(T).Name);

    public ContentItem Apply<T>(T part)
        where T : ContentPart
    {
        Content[typeof(T).Name] = JsonSerializer.SerializeToNode(part, ContentJson.Options);
        return this;
    }

    public ContentItem CloneAsNewVersion()
    {
        return new ContentItem
        {
            ContentItemId = ContentItemId,
            ContentType = ContentType,
            DisplayText = DisplayText,
            Owner = Owner,
            Author = Author,
            CreatedUtc = CreatedUtc,
            Content = (JsonObject)Content.DeepClone(),
        };
    }
}

/// <summary>A typed slice of a content item's document.</summary>
public abstract class ContentPart
{
}

public static class ContentJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = false,
    };
}
