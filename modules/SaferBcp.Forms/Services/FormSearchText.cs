using SaferBcp.Cms.Content;
using SaferBcp.Cms.Display;
using SaferBcp.Forms.Models;

namespace SaferBcp.Forms.Services;

/// <summary>
/// A published form in site search, so someone searching "report antisocial behaviour" finds the form itself. It is
/// found by its title, start page text, page headings and questions, and leads to its start page; the result says
/// what kind of form it is ("Self-referral", "Survey"). A form of a kind no module serves any more is left out.
/// </summary>
public sealed class FormSearchText : IContentSearchText
{
    private const int SummaryLength = 240;
    private readonly IReadOnlyList<FormKind> _kinds;

    public FormSearchText(IEnumerable<FormKind> kinds) => _kinds = kinds.ToList();

    public bool Handles(string contentType) => contentType == FormTypes.Form;

    public SearchText? Build(ContentItem item)
    {
        var form = item.As<FormPart>();
        if (_kinds.FirstOrDefault(k => k.Name == form.Kind) is not { } kind)
        {
            return null;
        }

        var intro = MarkdownRenderer.ToPlainText(form.IntroMarkdown);
        var questions = form.Pages.SelectMany(p => p.Questions.Select(q => q.Label).Prepend(p.Title));
        var body = string.Join("\n", questions.Prepend(intro).Where(s => !string.IsNullOrWhiteSpace(s)));
        return new SearchText(item.DisplayText, FirstParagraph(intro), body, $"/{kind.PathPrefix}/{form.Slug}", kind.DisplayName);
    }

    private static string FirstParagraph(string text)
    {
        var first = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        return first.Length <= SummaryLength ? first : first[..first.LastIndexOf(' ', SummaryLength)] + "…";
    }
}
