using System.Text;

namespace SaferBcp.Cms.Display;

/// <summary>
/// An HTML id made from text staff or imports supply (an indicator code, a question id), written into markup built as a
/// string such as a server-drawn SVG chart: only a–z, 0–9 and "-", so it can never close its attribute and add markup.
/// </summary>
public static class HtmlElementId
{
    public static string From(string text, string prefix = "chart-")
    {
        var id = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            id.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' ? c : '-');
        }

        return id.Length == 0 || !char.IsAsciiLetterLower(id[0]) ? prefix + id : id.ToString();
    }
}
