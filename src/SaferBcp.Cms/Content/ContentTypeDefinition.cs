namespace SaferBcp.Cms.Content;

/// <summary>A content type a module declares: what staff can create and how it appears in lists.</summary>
public sealed record ContentTypeDefinition(string Name, string DisplayName, string Description)
{
    /// <summary>Whether the type has a public address of its own (an AutoroutePart).</summary>
    public bool Routable { get; init; } = true;

    /// <summary>Whether staff create it from the content list.</summary>
    public bool Creatable { get; init; } = true;
}

public sealed class ContentTypeRegistry
{
    private readonly Dictionary<string, ContentTypeDefinition> _types;

    public ContentTypeRegistry(IEnumerable<ContentTypeDefinition> types)
    {
        _types = types.ToDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase);
    }

    public IEnumerable<ContentTypeDefinition> All => _types.Values.OrderBy(t => t.DisplayName);

    public ContentTypeDefinition? Find(string name) => _types.GetValueOrDefault(name);
}
