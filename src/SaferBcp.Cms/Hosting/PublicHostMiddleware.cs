using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SaferBcp.Cms.Hosting;

/// <summary>
/// Answers only requests whose Host names the public address, so nothing the portal renders, caches or links to
/// can come from a Host a visitor chose. The health probes answer any Host: load balancers call nodes by their
/// own address. ASP.NET Core's host filtering cannot leave paths out, hence this small middleware. Development
/// is held to it too (the default address is localhost, which `dotnet run` serves), so a wrong address shows up
/// before production.
/// </summary>
public sealed class PublicHostMiddleware
{
    private readonly RequestDelegate _next;
    private readonly PublicAddress _address;
    private readonly ILogger<PublicHostMiddleware> _logger;

    public PublicHostMiddleware(RequestDelegate next, PublicAddress address, ILogger<PublicHostMiddleware> logger)
    {
        _next = next;
        _address = address;
        _logger = logger;
    }

    public Task InvokeAsync(HttpContext context)
    {
        if (_address.IsThisSite(context.Request.Host) || IsHealthProbe(context.Request.Path))
        {
            return _next(context);
        }

        _logger.LogDebug("Refused a request for host {Host}, not {PublicHost}", context.Request.Host.Value, _address.HostName);
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync("Bad request: this site is not served at that address.\n");
    }

    private static bool IsHealthProbe(PathString path) => path.Equals("/health/live") || path.Equals("/health/ready");
}
