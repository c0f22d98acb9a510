using System.Text;
using System.Text.Json.Nodes;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Microsoft.AspNetCore.Html;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Display;

namespace SaferBcp.Review.Services;

/// <summary>One field of the item as the published version and the submitted draft have it, rendered as the public site would.</summary>
public sealed record FieldDifference(string Label, bool Changed, IHtmlContent Published, IHtmlContent Submitted);

/// <summary>
/// What changed between the published version and a submitted draft, field by field, side by side. Markdown fields are
/// shown rendered (the public site's renderer and sanitiser) above the words that changed; other fields show the
/// words that changed marked up (DiffPlex), removed words struck through on the left, added ones marked on the right.
/// </summary>
public sealed class VersionDifference
{
    private readonly MarkdownRenderer _markdown;

    public VersionDifference(MarkdownRenderer markdown) => _markdown = markdown;

    public IReadOnlyList<FieldDifference> Compare(ContentItem? published, ContentItem submitted)
    {
        var before = Fields(published);
        var after = Fields(submitted);
        var labels = after.Keys.Concat(before.Keys.Where(k => !after.ContainsKey(k))).ToList();
        var result = new List<FieldDifference>();
        foreach (var label in labels)
        {
            var old = before.GetValueOrDefault(label) ?? "";
            var @new = after.GetValueOrDefault(label) ?? "";
            var changed = old != @new;
            var (markedOld, markedNew) = Marked(old, @new);
            IHtmlContent oldHtml = markedOld, newHtml = markedNew;
            if (label.EndsWith("Markdown", StringComparison.OrdinalIgnoreCase) && changed)
            {
                oldHtml = Rendered(old, markedOld);
                newHtml = Rendered(@new, markedNew);
            }

            result.Add(new FieldDifference(Humanise(label), changed, oldHtml, newHtml));
        }

        return result;
    }

    private HtmlString Rendered(string markdown, IHtmlContent marked) =>
        new HtmlString("<div class=\"review-rendered\">" + _markdown.ToHtml(markdown) + "</div><p class=\"govuk-body-s govuk-!-margin-bottom-1\">The words:</p><div class=\"review-text\">" + ToString(marked) + "</div>");

    private static string ToString(IHtmlContent html)
    {
        using var writer = new StringWriter();
        html.WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        return writer.ToString();
    }

    private static (HtmlString Old, HtmlString New) Marked(string old, string @new)
    {
        if (old == @new)
        {
            var same = new HtmlString(Lines(old));
            return (same, same);
        }

        var model = SideBySideDiffBuilder.Diff(old, @new, ignoreWhiteSpace: false, ignoreCase: false);
        return (new HtmlString(Pane(model.OldText, "del")), new HtmlString(Pane(model.NewText, "ins")));
    }

    private static string Lines(string text) =>
        string.Join("<br>", text.Split('\n').Select(line => System.Net.WebUtility.HtmlEncode(line.TrimEnd('\r'))));

    private static string Pane(DiffPaneModel pane, string mark)
    {
        var html = new StringBuilder();
        foreach (var line in pane.Lines.Where(l => l.Type != ChangeType.Imaginary))
        {
            if (html.Length > 0)
            {
                html.Append("<br>");
            }

            switch (line.Type)
            {
                case ChangeType.Modified:
                    foreach (var piece in line.SubPieces.Where(p => p.Type != ChangeType.Imaginary))
                    {
                        var text = System.Net.WebUtility.HtmlEncode(piece.Text ?? "");
                        html.Append(piece.Type is ChangeType.Deleted or ChangeType.Inserted or ChangeType.Modified ? $"<{mark}>{text}</{mark}>" : text);
                    }

                    break;
                case ChangeType.Deleted or ChangeType.Inserted:
                    html.Append($"<{mark}>").Append(System.Net.WebUtility.HtmlEncode(line.Text ?? "")).Append($"</{mark}>");
                    break;
                default:
                    html.Append(System.Net.WebUtility.HtmlEncode(line.Text ?? ""));
                    break;
            }
        }

        return html.ToString();
    }

    /// <summary>Every text in the item's parts, keyed "Part.Field" (nested lists as "Part.Pages.1.Title").</summary>
    private static Dictionary<string, string> Fields(ContentItem? item)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (item is not null)
        {
            foreach (var (part, node) in item.Content)
            {
                Flatten(part, node, fields);
            }
        }

        return fields;
    }

    private static void Flatten(string path, JsonNode? node, Dictionary<string, string> fields)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    Flatten(path + "." + key, child, fields);
                }

                break;
            case JsonArray array when array.All(e => e is JsonValue):
                fields[path] = string.Join("\n", array.Select(e => e?.ToString()));
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Flatten($"{path}.{i + 1}", array[i], fields);
                }

                break;
            case JsonValue value:
                fields[path] = value.ToString();
                break;
        }
    }

    /// <summary>"ArticlePart.Markdown" reads "Article: markdown"; "FormPart.pages.2.title" reads "Form: pages 2 title".</summary>
    private static string Humanise(string key)
    {
        var segments = key.Split('.');
        var part = segments[0].EndsWith("Part", StringComparison.Ordinal) ? segments[0][..^4] : segments[0];
        return part + ": " + string.Join(' ', segments.Skip(1).Select(s => s.ToLowerInvariant()));
    }
}
