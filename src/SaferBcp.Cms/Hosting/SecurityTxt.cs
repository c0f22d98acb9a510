using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SaferBcp.Cms.Data;

namespace SaferBcp.Cms.Hosting;

/// <summary>
/// /.well-known/security.txt (RFC 9116): tells a researcher where to report a vulnerability. Published only when the
/// partnership has chosen a contact (Portal:SecurityContact); the portal never invents one.
/// </summary>
public static class SecurityTxt
{
    public const string Path = "/.well-known/security.txt";

    /// <summary>RFC 9116 asks for an expiry under a year ahead, so readers know the file is kept up to date.</summary>
    private static readonly TimeSpan ValidFor = TimeSpan.FromDays(180);

    public static IResult Answer([FromServices] IOptions<PortalOptions> options, [FromServices] PublicAddress address, [FromServices] TimeProvider clock)
    {
        var contact = options.Value.SecurityContact?.Trim();
        if (!IsContact(contact))
        {
            return Results.NotFound();
        }

        var expires = clock.GetUtcNow().UtcDateTime.Date + ValidFor;
        var text = $"Contact: {contact}\nExpires: {expires:yyyy-MM-dd'T'HH:mm:ss'Z'}\nPreferred-Languages: en\nCanonical: {address.Absolute(Path)}\n";
        return Results.Text(text, "text/plain; charset=utf-8");
    }

    /// <summary>A mailto: or https: address, as RFC 9116 requires of Contact.</summary>
    public static bool IsContact(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeMailto || uri.Scheme == Uri.UriSchemeHttps);
}
