using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;

namespace SaferBcp.Cms.Localization;

/// <summary>
/// Serves /{culture}/… in that culture: the prefix moves from Path to PathBase, so routing sees the same paths as
/// in English and every link the page makes with ~/ or Url.* stays in the visitor's language. Culture comes only
/// from the address (no cookie, nothing stored in the browser) so a shared phone keeps no trace of the language.
/// </summary>
public sealed class CulturePathMiddleware
{
    private readonly RequestDelegate _next;

    public CulturePathMiddleware(RequestDelegate next) => _next = next;

    public Task InvokeAsync(HttpContext context)
    {
        var culture = CultureOf(context.Request.Path, out var rest);
        if (culture is null)
        {
            return _next(context);
        }

        if (!rest.HasValue)
        {
            // /pl → /pl/ so relative links and the home page resolve in one place.
            context.Response.Redirect(context.Request.PathBase + context.Request.Path + "/" + context.Request.QueryString, permanent: true);
            return Task.CompletedTask;
        }

        var request = context.Request;
        request.PathBase = request.PathBase.Add("/" + culture.Name);
        request.Path = rest;
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
        context.Features.Set<IRequestCultureFeature>(new RequestCultureFeature(new RequestCulture(culture), provider: null));
        return _next(context);
    }

    private static CultureInfo? CultureOf(PathString path, out PathString rest)
    {
        rest = default;
        var value = path.Value;
        if (value is null || value.Length < 3)
        {
            return null;
        }

        var end = value.IndexOf('/', 1);
        var segment = end < 0 ? value[1..] : value[1..end];
        if (!PortalCultures.IsTranslated(segment))
        {
            return null;
        }

        rest = end < 0 ? default : new PathString(value[end..]);
        return PortalCultures.Get(segment);
    }
}
