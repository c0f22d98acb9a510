using Microsoft.AspNetCore.Http;
using SaferBcp.Cms.Hosting;
using SaferBcp.Reach.Models;

namespace SaferBcp.Reach.Services;

/// <summary>
/// Counts a page view after the response is decided, before the output cache (so cached pages are counted too): the
/// page's address (turned into its content item when flushed), the other website's domain if a link from one brought
/// the visitor, or only a tick on the day's sensitive total. Nothing about the visitor is read but the headers that
/// tell a program or a prefetch apart, and nothing is kept but the counts.
/// </summary>
public sealed class PageViewCountingMiddleware
{
    private readonly RequestDelegate _next;
    private readonly ReachCounter _counter;
    private readonly string _publicHost;

    public PageViewCountingMiddleware(RequestDelegate next, ReachCounter counter, PublicAddress publicAddress)
    {
        _next = next;
        _counter = counter;
        _publicHost = publicAddress.HostName;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        await _next(context);
        if (!CountingRule.IsCountedPageView(context))
        {
            return;
        }

        if (CountingRule.IsSensitive(context.Response))
        {
            _counter.Add(ReachMeasures.SensitiveView, "");
            return;
        }

        var path = context.Request.Path.Value ?? "/";
        if (path.Length > Cms.Content.ContentPath.MaxLength + 1)
        {
            return;
        }

        _counter.Add(ReachMeasures.PageView, path);
        if (ExternalDomain(context.Request) is { } domain)
        {
            _counter.Add(ReachMeasures.Referrer, path, domain);
        }
    }

    /// <summary>The host name of the page that linked here, when it is another website's; never the rest of its address.</summary>
    private string? ExternalDomain(HttpRequest request)
    {
        var referrer = request.Headers.Referer;
        if (referrer.Count == 0 || !Uri.TryCreate(referrer.ToString(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return null;
        }

        var host = uri.IdnHost;
        if (host.Length == 0 || host.Length > 253 || string.Equals(host, _publicHost, StringComparison.OrdinalIgnoreCase) || string.Equals(host, request.Host.Host, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return host.ToLowerInvariant();
    }
}
