using Microsoft.EntityFrameworkCore;
using SaferBcp.Cms.Content;
using SaferBcp.Forms.Models;

namespace SaferBcp.Forms.Services;

/// <summary>A published form as the runner serves it.</summary>
public sealed record PublishedForm(string ContentItemId, string Title, FormPart Part, FormKind Kind)
{
    public string BaseUrl => $"/{Kind.PathPrefix}/{Part.Slug}";

    /// <summary>The confirmation page's heading: the form's own, or its kind's.</summary>
    public string SentHeading => Part.SentHeading ?? Kind.SentHeading;
}

/// <summary>Finds published forms by kind and slug, and the registered form kinds.</summary>
public sealed class FormCatalog
{
    private readonly ContentManager _content;
    private readonly IReadOnlyList<FormKind> _kinds;

    public FormCatalog(ContentManager content, IEnumerable<FormKind> kinds)
    {
        _content = content;
        _kinds = kinds.ToList();
    }

    public IReadOnlyList<FormKind> Kinds => _kinds;

    public FormKind? KindByPrefix(string prefix) => _kinds.FirstOrDefault(k => string.Equals(k.PathPrefix, prefix, StringComparison.Ordinal));

    public async Task<PublishedForm?> FindAsync(string prefix, string slug, CancellationToken cancellationToken = default)
    {
        if (KindByPrefix(prefix) is not { } kind)
        {
            return null;
        }

        // Forms are few; their parts are read from the published versions rather than a second index table.
        var items = await _content.Query().Where(c => c.Published && c.ContentType == FormTypes.Form).ToListAsync(cancellationToken);
        foreach (var item in items)
        {
            var part = item.As<FormPart>();
            if (part.Kind == kind.Name && part.Slug == slug)
            {
                return new PublishedForm(item.ContentItemId, item.DisplayText, part, kind);
            }
        }

        return null;
    }
}
