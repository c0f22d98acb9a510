namespace SaferBcp.Cms.Content;

public sealed class TitlePart : ContentPart
{
    public string Title { get; set; } = "";
}

/// <summary>The item's public address, without a leading slash (e.g. "domestic-abuse/marac").</summary>
public sealed class AutoroutePart : ContentPart
{
    public string Path { get; set; } = "";
}
