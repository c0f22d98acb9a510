using SaferBcp.Cms.Content;
using SaferBcp.Cms.Display;
using SaferBcp.Forms.Models;

namespace SaferBcp.Forms.Services;

/// <summary>A form's public address: /{its kind's prefix}/{slug}, like /surveys/community-safety.</summary>
public sealed class FormAddress : IContentAddress
{
    private readonly IReadOnlyList<FormKind> _kinds;

    public FormAddress(IEnumerable<FormKind> kinds) => _kinds = kinds.ToList();

    public bool Handles(string contentType) => contentType == FormTypes.Form;

    public string? PublicPath(ContentItem item)
    {
        var form = item.As<FormPart>();
        var kind = _kinds.FirstOrDefault(k => k.Name == form.Kind);
        return kind is null || form.Slug.Length == 0 ? null : $"/{kind.PathPrefix}/{form.Slug}";
    }
}
