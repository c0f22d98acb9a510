using Microsoft.AspNetCore.Http;
using SaferBcp.Cms.Content;

namespace SaferBcp.Cms.Display;

/// <summary>
/// The back-office editor for a module's content types. The kernel's edit page renders the title and
/// web address itself, then the module's partial view for the rest, and asks the module to read its
/// fields back from the posted form.
/// </summary>
public interface IContentEditor
{
    bool Handles(string contentType);

    /// <summary>A partial view whose model is <see cref="ContentEditorContext"/>.</summary>
    string PartialViewName { get; }

    /// <summary>Copies the module's fields from the form into the item's parts.</summary>
    void Bind(ContentItem item, IFormCollection form);
}

public sealed class ContentEditorContext
{
    public ContentEditorContext(ContentItem item, IReadOnlyDictionary<string, string> errors)
    {
        Item = item;
        Errors = errors;
    }

    public ContentItem Item { get; }

    public IReadOnlyDictionary<string, string> Errors { get; }

    public string? ErrorFor(string field) => Errors.GetValueOrDefault(field);
}

/// <summary>What the kernel's GOV.UK field partials (_Field, _TextArea) need.</summary>
public sealed record FieldModel(string Name, string Label, string? Value, string? Hint = null, string? Error = null)
{
    public string Id => Name.Replace('.', '-');

    public string Type { get; init; } = "text";

    public int Rows { get; init; } = 5;

    public string? CssClass { get; init; }

    public bool LabelIsHeading { get; init; }

    public string? Autocomplete { get; init; }

    public string? Spellcheck { get; init; }

    public int? MaxLength { get; init; }
}
