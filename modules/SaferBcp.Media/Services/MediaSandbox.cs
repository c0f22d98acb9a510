using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace SaferBcp.Media.Services;

/// <summary>
/// A served media file gets its own Content-Security-Policy, "default-src 'none'; sandbox": opened on its own, it is a
/// page of a unique origin that may run nothing and load nothing.
/// </summary>
public static class MediaSandbox
{
    public const string ContentSecurityPolicy = "default-src 'none'; sandbox";

    private static readonly object Marker = new();

    /// <summary>Asks for the sandbox on this response (the controller calls it for a file it serves).</summary>
    public static void Apply(HttpContext context) => context.Items[Marker] = true;

    /// <summary>
    /// The kernel's security headers middleware sets the site-wide policy just as a response starts, over any a controller
    /// set. Response-start callbacks run last-registered first, so the sandbox is set by one registered before the
    /// kernel's: from a middleware this filter puts in front of the whole pipeline.
    /// </summary>
    public sealed class StartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Path.StartsWithSegments("/media"))
                {
                    context.Response.OnStarting(() =>
                    {
                        if (context.Items.ContainsKey(Marker) && context.Response.StatusCode < 400)
                        {
                            context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
                        }

                        return Task.CompletedTask;
                    });
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
