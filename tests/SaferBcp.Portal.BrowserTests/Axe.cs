using System.Globalization;
using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace SaferBcp.Portal.BrowserTests;

/// <summary>Runs axe-core (shipped inside Deque.AxeCore.Playwright, so it works offline) on the page as it is now.</summary>
public static class Axe
{
    /// <summary>
    /// Fails with every violation axe finds, with all the rules axe runs by default (WCAG 2.0–2.2 A and AA, and best
    /// practice), each with its rule id, impact, help text and the selectors of the elements at fault.
    /// </summary>
    /// <remarks>
    /// No rule and no element is left out: the skip links sit inside the banner landmark, so the best-practice rule
    /// <c>region</c> ("all page content should be contained by landmarks") holds on every page too.
    /// </remarks>
    public static async Task AssertNoViolationsAsync(IPage page)
    {
        if (await ViolationsAsync(page) is { } message)
        {
            Assert.Fail(message);
        }
    }

    /// <summary>Every violation axe finds on the page as it is now, described as <see cref="AssertNoViolationsAsync"/> reports them; null when none.</summary>
    public static async Task<string?> ViolationsAsync(IPage page)
    {
        // Full detail for violations only: the passes and inapplicable rules are not needed, and leaving their
        // nodes out of the results makes a run about a third faster.
        var result = await page.RunAxe(new AxeRunOptions { ResultTypes = [ResultType.Violations] });
        var violations = result.Violations
            .Select(v => (Rule: v, Nodes: v.Nodes.ToList()))
            .Where(v => v.Nodes.Count > 0)
            .ToList();
        if (violations.Count == 0)
        {
            return null;
        }

        var message = new StringBuilder();
        message.Append(CultureInfo.InvariantCulture, $"axe found {violations.Count} violation(s) on {new Uri(page.Url).PathAndQuery}:");
        foreach (var (violation, nodes) in violations)
        {
            message.AppendLine();
            message.Append(CultureInfo.InvariantCulture, $"- {violation.Id} ({violation.Impact}): {violation.Help} ({violation.HelpUrl})");
            foreach (var node in nodes)
            {
                var checks = node.Any.Concat(node.All).Concat(node.None).Select(c => c.Message).Where(m => !string.IsNullOrEmpty(m));
                message.AppendLine();
                message.Append(CultureInfo.InvariantCulture, $"    at {node.Target}: {Shorten(node.Html)}");
                message.AppendLine();
                message.Append("      ").Append(string.Join(" / ", checks));
            }
        }

        return message.ToString();
    }

    private static string Shorten(string html) => html.Length > 160 ? html[..160] + "…" : html;
}
