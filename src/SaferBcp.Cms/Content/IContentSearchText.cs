namespace SaferBcp.Cms.Content;

/// <summary>How a module's content types read to the site search. The Search module indexes what these return.</summary>
public interface IContentSearchText
{
    bool Handles(string contentType);

    SearchText Build(ContentItem item);
}

/// <summary>Kind is shown on the result ("Page", "News", "Safe Place") and lets a module choose its own result layout.</summary>
public sealed record SearchText(string Title, string Summary, string Body, string Url, string Kind);
