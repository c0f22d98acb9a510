using SaferBcp.Cms.Content;
using SaferBcp.Cms.Display;
using SaferBcp.Forms.Models;

namespace SaferBcp.Forms.Services;

/// <summary>
/// The back office's "Save and preview" of a form: its start text and every page with its questions and
/// conditions. Forms have no public address of their own (the runner serves them), so only previews come here.
/// </summary>
public sealed class FormPreviewDisplay : IContentDisplay
{
    private readonly MarkdownRenderer _markdown;
    private readonly IReadOnlyList<FormKind> _kinds;

    public FormPreviewDisplay(MarkdownRenderer markdown, IEnumerable<FormKind> kinds)
    {
        _markdown = markdown;
        _kinds = kinds.ToList();
    }

    public bool Handles(string contentType) => contentType == FormTypes.Form;

    public Task<ContentDisplayResult> BuildAsync(ContentItem item, bool preview)
    {
        var form = item.As<FormPart>();
        var kind = _kinds.FirstOrDefault(k => k.Name == form.Kind);
        var model = new FormPreviewModel(item.DisplayText, form, kind is null ? null : $"/{kind.PathPrefix}/{form.Slug}", _markdown.ToHtml(form.IntroMarkdown));
        return Task.FromResult(new ContentDisplayResult("~/Views/SaferBcpForms/Preview.cshtml", model, Sensitive: true));
    }
}

public sealed record FormPreviewModel(string Title, FormPart Form, string? Url, string IntroHtml);
