using SaferBcp.Cms.Display;

namespace SaferBcp.Cms.Tests;

public sealed class MarkdownTests
{
    private readonly MarkdownRenderer _renderer = new();

    [Fact]
    public void Script_in_markdown_is_removed()
    {
        var html = _renderer.ToHtml("Hello <script>alert('x')</script> world");
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Event_handlers_never_become_attributes()
    {
        var html = _renderer.ToHtml("<img src=x onerror=alert(1)>\n\n<p onclick=\"steal()\">hi</p>\n\n[link](https://example.org \"x\\\" onmouseover=\\\"alert(1)\")");
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        var handlers = document.All.SelectMany(e => e.Attributes).Where(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Empty(handlers);
        Assert.Empty(document.QuerySelectorAll("img"));
    }

    [Theory]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JaVaScRiPt:alert(1))")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD4=)")]
    public void Dangerous_links_lose_their_target(string markdown)
    {
        var html = _renderer.ToHtml(markdown);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("data:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("click", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Ordinary_markdown_gets_govuk_styles()
    {
        var html = _renderer.ToHtml("## Get help\n\nCall [the helpline](tel:08082000247).\n\n* one\n* two");
        Assert.Contains("<h2 class=\"govuk-heading-l\">Get help</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"tel:08082000247\" class=\"govuk-link\">the helpline</a>", html, StringComparison.Ordinal);
        Assert.Contains("<ul class=\"govuk-list govuk-list--bullet\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_caption_line_becomes_the_tables_caption()
    {
        var html = _renderer.ToHtml("Table: Serious violence in BCP, 2022/23\n\n| Crime type | Count |\n|---|---:|\n| Robbery | 300 |");
        Assert.Contains("<caption class=\"govuk-table__caption govuk-table__caption--m\">Serious violence in BCP, 2022/23</caption>", html, StringComparison.Ordinal);
        var header = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html).QuerySelector("thead th")!;
        Assert.Equal("col", header.GetAttribute("scope"));
        Assert.Equal("govuk-table__header", header.ClassName);
        Assert.DoesNotContain("Table:", html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
    }
}
