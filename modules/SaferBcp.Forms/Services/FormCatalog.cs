using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SaferBcp.Cms.Localization;
using SaferBcp.Cms.Content;
using SaferBcp.Forms.Models;

namespace SaferBcp.Forms.Services;

/// <summary>
/// A published form as the runner serves it: <see cref="Part"/> and <see cref="Title"/> in the visitor's language,
/// <see cref="SourcePart"/> and <see cref="SourceTitle"/> the form as staff wrote it (what a submission carries).
/// </summary>
public sealed record PublishedForm(string ContentItemId, string Title, FormPart Part, FormKind Kind)
{
    public FormPart SourcePart { get; init; } = Part;

    public string SourceTitle { get; init; } = Title;

    /// <summary>The culture the visitor answers in: "en", or the translation's ("pl", "ar").</summary>
    public string Culture { get; init; } = PortalCultures.Default;

    /// <summary>Null for English; otherwise the translation served, to say whether it has been checked.</summary>
    public FormTranslation? Translation { get; init; }

    /// <summary>The form's address without the language prefix; links and redirects add the request's PathBase.</summary>
    public string BaseUrl => $"/{Kind.PathPrefix}/{Part.Slug}";

    /// <summary>The confirmation page's heading: the form's own, or its kind's.</summary>
    public string SentHeading => Part.SentHeading ?? Kind.SentHeading;
}

/// <summary>Finds published forms by kind and slug, and the registered form kinds.</summary>
public sealed class FormCatalog
{
    private readonly ContentManager _content;
    private readonly IReadOnlyList<FormKind> _kinds;
    private readonly IStringLocalizer<FormsText> _text;

    public FormCatalog(ContentManager content, IEnumerable<FormKind> kinds, IStringLocalizer<FormsText> text)
    {
        _text = text;
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
                return InVisitorLanguage(new PublishedForm(item.ContentItemId, item.DisplayText, part, kind));
            }
        }

        return null;
    }

    /// <summary>
    /// Under /pl/… and /ar/… the form's translation, if it has one; a form without one is served in English there
    /// (its interface strings still translated), so a person is never turned away.
    /// </summary>
    private PublishedForm InVisitorLanguage(PublishedForm form)
    {
        var culture = CultureInfo.CurrentUICulture.Name;
        if (!PortalCultures.IsTranslated(culture))
        {
            return form;
        }

        var translated = FormLocalizer.Translate(form.Part, form.Title, culture, _text["Yes"], _text["No"]);
        return new PublishedForm(form.ContentItemId, translated.Title, translated.Part, form.Kind)
        {
            SourcePart = form.Part,
            SourceTitle = form.Title,
            Culture = culture,
            Translation = translated.Translation,
        };
    }
}
