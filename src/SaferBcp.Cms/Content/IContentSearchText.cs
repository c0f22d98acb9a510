namespace SaferBcp.Cms.Content;

/// <summary>How a module's content types read to the site search. The Search module indexes what these return.</summary>
public interface IContentSearchText
{
    bool Handles(string contentType);

    /// <summary>What search finds the item by and shows for it; null leaves this item out of search.</summary>
    SearchText? Build(ContentItem item);
}

/// <summary>Kind is shown on the result ("Page", "News", "Safe Place") and lets a module choose its own result layout.</summary>
public sealed record SearchText(string Title, string Summary, string Body, string Url, string Kind)
{
    /// <summary>
    /// Optional short facts a kind's result layout shows (keys in <see cref="SearchFacts"/>). Stored with the
    /// result, not searched.
    /// </summary>
    public IReadOnlyDictionary<string, string> Facts { get; init; } = new Dictionary<string, string>();

    /// <summary>The text's language: a translation is found by searches in its language (/pl/search).</summary>
    public string Culture { get; init; } = Localization.PortalCultures.Default;
}

/// <summary>The fact keys the Search module's result layouts read.</summary>
public static class SearchFacts
{
    /// <summary>Service: the phone number as written, like "0808 2000 247".</summary>
    public const string Phone = "phone";

    /// <summary>Service: "true" when open 24 hours a day, every day.</summary>
    public const string OpenAllHours = "open-all-hours";

    /// <summary>Service: opening hours in words, when not 24 hours.</summary>
    public const string Hours = "hours";

    /// <summary>Safe Place: its category in words, like "Pharmacy".</summary>
    public const string Category = "category";

    /// <summary>Safe Place: its area, like "Poole".</summary>
    public const string Area = "area";

    /// <summary>Safe Place: its address on one line.</summary>
    public const string Address = "address";
}
