using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Forms.Models;

namespace SaferBcp.Forms.Services;

/// <summary>Route constraint "formprefix": the segment is the address prefix of a registered <see cref="FormKind"/>.</summary>
public sealed class FormPrefixConstraint : IRouteConstraint
{
    public const string Name = "formprefix";

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection)
    {
        if (httpContext is null || !values.TryGetValue(routeKey, out var value) || value is not string prefix)
        {
            return false;
        }

        return httpContext.RequestServices.GetServices<FormKind>().Any(k => string.Equals(k.PathPrefix, prefix, StringComparison.Ordinal));
    }
}
