using AngleSharp.Html.Dom;
using Ganss.Xss;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace SaferBcp.Cms.Display;

/// <summary>
/// Turns staff-written Markdown into safe HTML: Markdig renders it (raw HTML disabled), HtmlSanitizer
/// removes anything that could run script, and GOV.UK classes are added so it looks like the rest of the site.
/// A paragraph "Table: caption" directly before a table becomes that table's caption.
/// </summary>
public sealed class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseAutoLinks()
        .DisableHtml()
        .Build();

    private readonly HtmlSanitizer _sanitizer;

    public MarkdownRenderer()
    {
        _sanitizer = new HtmlSanitizer();
        _sanitizer.AllowedSchemes.Clear();
        _sanitizer.AllowedSchemes.UnionWith(["https", "http", "mailto", "tel"]);
        _sanitizer.AllowedAttributes.Add("class");
        _sanitizer.AllowedTags.Add("caption");
        _sanitizer.AllowedCssProperties.Clear();
        _sanitizer.AllowedAttributes.Remove("style");

        // Styled in the sanitiser's own parse of the HTML, so the page is not parsed a second time.
        _sanitizer.PostProcessDom += (_, e) => AddGovukClasses(e.Document);
    }

    public string ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return "";
        }

        return _sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline));
    }

    /// <summary>
    /// As <see cref="ToHtml(string?)"/>, with each link's address passed through <paramref name="rewriteUrl"/> first:
    /// a translated page's links go to the translation of the page they point at, where there is one.
    /// </summary>
    public string ToHtml(string? markdown, Func<string, string> rewriteUrl)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return "";
        }

        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (link.Url is { } url)
            {
                link.Url = rewriteUrl(url);
            }
        }

        return _sanitizer.Sanitize(document.ToHtml(Pipeline));
    }

    /// <summary>Plain text for search and summaries.</summary>
    public static string ToPlainText(string? markdown) =>
        string.IsNullOrWhiteSpace(markdown) ? "" : Markdown.ToPlainText(markdown, Pipeline).Trim();

    private static void AddGovukClasses(IHtmlDocument document)
    {
        var body = document.Body!;
        void Add(string selector, string cssClass)
        {
            foreach (var element in body.QuerySelectorAll(selector))
            {
                element.ClassName = cssClass;
            }
        }

        Add("h1", "govuk-heading-xl");
        Add("h2", "govuk-heading-l");
        Add("h3", "govuk-heading-m");
        Add("h4", "govuk-heading-s");
        Add("p", "govuk-body");
        Add("ul", "govuk-list govuk-list--bullet");
        Add("ol", "govuk-list govuk-list--number");
        Add("a", "govuk-link");
        Add("table", "govuk-table");
        Add("thead", "govuk-table__head");
        Add("tbody", "govuk-table__body");
        Add("tr", "govuk-table__row");
        Add("th", "govuk-table__header");
        Add("td", "govuk-table__cell");
        Add("blockquote", "govuk-inset-text");
        Add("hr", "govuk-section-break govuk-section-break--m govuk-section-break--visible");

        foreach (var table in body.QuerySelectorAll("table").ToList())
        {
            if (table.PreviousElementSibling is { LocalName: "p" } previous && previous.TextContent.StartsWith("Table:", StringComparison.Ordinal))
            {
                var caption = document.CreateElement("caption");
                caption.ClassName = "govuk-table__caption govuk-table__caption--m";
                caption.TextContent = previous.TextContent["Table:".Length..].Trim();
                table.Prepend(caption);
                previous.Remove();
            }

            foreach (var header in table.QuerySelectorAll("thead th"))
            {
                header.SetAttribute("scope", "col");
            }
        }
    }
}
