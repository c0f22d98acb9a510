using Microsoft.AspNetCore.Http;

namespace SaferBcp.Reach.Services;

/// <summary>
/// Which requests are counted as a person's page view. The same rule is written out in the privacy notice
/// (recipes/saferbcp.recipe.json, page-privacy): change both together.
/// </summary>
public static class CountingRule
{
    /// <summary>A browser identification containing any of these words (any case), or none at all, is a program, not a person.</summary>
    public static readonly string[] AutomatedWords = ["bot", "crawler", "spider", "preview", "headless"];

    private static readonly PathString[] NeverCounted = ["/admin", "/account", "/status", "/error", "/health", "/media", "/exit-this-page"];

    /// <summary>A GET (not HEAD) that was answered 200 with a web page, outside the back office, not by a program and not a prefetch.</summary>
    public static bool IsCountedPageView(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        if (response.StatusCode != StatusCodes.Status200OK || !HttpMethods.IsGet(request.Method))
        {
            return false;
        }

        if (response.ContentType is not { } type || !type.StartsWith("text/html", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        foreach (var prefix in NeverCounted)
        {
            if (request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return !IsAutomated(request.Headers);
    }

    public static bool IsAutomated(IHeaderDictionary headers)
    {
        var agent = headers.UserAgent.ToString();
        if (agent.Length == 0)
        {
            return true;
        }

        foreach (var word in AutomatedWords)
        {
            if (agent.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        // A page the browser fetched in case it is wanted, not one anybody has opened.
        return Mentions(headers, "Sec-Purpose", "prefetch") || Mentions(headers, "Purpose", "prefetch") || Mentions(headers, "X-Moz", "prefetch")
            || Mentions(headers, "X-Purpose", "preview");
    }

    /// <summary>Pages marked no-store (support, referral forms, sensitive pages such as domestic abuse) are counted only as one daily total.</summary>
    public static bool IsSensitive(HttpResponse response) => response.Headers.CacheControl.ToString().Contains("no-store", StringComparison.OrdinalIgnoreCase);

    private static bool Mentions(IHeaderDictionary headers, string name, string word) =>
        headers.TryGetValue(name, out var value) && value.ToString().Contains(word, StringComparison.OrdinalIgnoreCase);
}
