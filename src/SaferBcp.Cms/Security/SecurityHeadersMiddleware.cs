using Microsoft.AspNetCore.Http;

namespace SaferBcp.Cms.Security;

/// <summary>
/// Headers on every response: a strict Content-Security-Policy (no inline script or style, nothing from
/// another site), no referrer, no framing, no sniffing, and browser features off except location
/// (which the Safe Places locator asks for only when the visitor chooses to share it). A response that set its own,
/// stricter Content-Security-Policy (a served media file's sandbox) keeps it.
/// </summary>
public sealed class SecurityHeadersMiddleware
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private readonly RequestDelegate _next;

    public SecurityHeadersMiddleware(RequestDelegate next) => _next = next;

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            if (!headers.ContainsKey("Content-Security-Policy"))
            {
                headers["Content-Security-Policy"] = ContentSecurityPolicy;
            }

            headers["Referrer-Policy"] = "no-referrer";
            headers["X-Content-Type-Options"] = "nosniff";
            headers["X-Frame-Options"] = "DENY";

            // Off, as OWASP advises: the old browsers' XSS filters that read it could be turned against a page; the
            // Content-Security-Policy is what stops injected script.
            headers["X-XSS-Protection"] = "0";
            headers["Permissions-Policy"] = "geolocation=(self), camera=(), microphone=(), payment=(), usb=(), interest-cohort=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Cross-Origin-Resource-Policy"] = "same-origin";
            if (context.Request.Path.StartsWithSegments("/admin") || context.Request.Path.StartsWithSegments("/account"))
            {
                NoStore(context.Response);
            }

            return Task.CompletedTask;
        });
        return _next(context);
    }

    /// <summary>Nothing of this response may be kept by the browser: not in its cache, not for the back button.</summary>
    public static void NoStore(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store, max-age=0";
        response.Headers.Pragma = "no-cache";
    }
}
