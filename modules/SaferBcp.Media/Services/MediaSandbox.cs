using Microsoft.AspNetCore.Http;

namespace SaferBcp.Media.Services;

/// <summary>
/// A served media file gets its own Content-Security-Policy, "default-src 'none'; sandbox": opened on its own, it is a
/// page of a unique origin that may run nothing and load nothing. The kernel's security headers leave a policy a
/// response set for itself in place.
/// </summary>
public static class MediaSandbox
{
    public const string ContentSecurityPolicy = "default-src 'none'; sandbox";

    public static void Apply(HttpResponse response) => response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
}
