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
    /// One known false positive is left out, and only it: the best-practice rule <c>region</c> ("all page content
    /// should be contained by landmarks") on the two GOV.UK skip links at the top of the public pages, "Exit this page"
    /// and "Skip to main content". Skip links are bypass blocks and need not be in a landmark; the GOV.UK Design System
    /// says so and asks services not to wrap them in a landmark or move them into the header. axe exempts skip links
    /// itself, but it recognises one only as an in-page link placed before the page's first link to another page;
    /// the Exit this page skip link leads to another page by design (it must work without JavaScript), so axe then
    /// recognises neither. Any other element outside a landmark, and every other rule, still fails the test.
    /// </remarks>
    public static async Task AssertNoViolationsAsync(IPage page)
    {
        // Full detail for violations only: the passes and inapplicable rules are not needed, and leaving their
        // nodes out of the results makes a run about a third faster.
        var result = await page.RunAxe(new AxeRunOptions { ResultTypes = [ResultType.Violations] });
        var violations = result.Violations
            .Select(v => (Rule: v, Nodes: v.Nodes.Where(n => !IsSkipLinkOutsideLandmark(v, n)).ToList()))
            .Where(v => v.Nodes.Count > 0)
            .ToList();
        if (violations.Count == 0)
        {
            return;
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

        Assert.Fail(message.ToString());
    }

    private static bool IsSkipLinkOutsideLandmark(AxeResultItem violation, AxeResultNode node) =>
        violation.Id == "region" && node.Html.StartsWith("<a ", StringComparison.Ordinal) && node.Html.Contains("class=\"govuk-skip-link", StringComparison.Ordinal);

    private static string Shorten(string html) => html.Length > 160 ? html[..160] + "…" : html;
}
