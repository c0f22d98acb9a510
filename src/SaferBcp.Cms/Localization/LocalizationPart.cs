using SaferBcp.Cms.Content;

namespace SaferBcp.Cms.Localization;

/// <summary>
/// Marks a content item as a translation (Orchard Core's LocalizationPart): its culture and the English original it
/// belongs with (the original's ContentItemId is the set's name). Items without this part are English originals.
/// </summary>
public sealed class LocalizationPart : ContentPart
{
    public string Culture { get; set; } = PortalCultures.Default;

    public string? LocalizationSet { get; set; }

    /// <summary>Who confirmed, as staff with publish permission, that a qualified translator checked this text; null until then.</summary>
    public string? CheckedBy { get; set; }

    public DateTime? CheckedUtc { get; set; }

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsChecked => CheckedBy is not null;
}
