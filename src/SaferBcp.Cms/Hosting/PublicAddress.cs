using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using SaferBcp.Cms.Data;

namespace SaferBcp.Cms.Hosting;

/// <summary>
/// The site's public address (Portal:PublicAddress). Every absolute link the portal writes — in emails, exports and
/// open data — is built here, never from a request, whose Host and scheme a visitor or a proxy can choose.
/// </summary>
public sealed class PublicAddress
{
    /// <summary>What `dotnet run` serves (launchSettings.json), used in Development when no address is set.</summary>
    public const string DevelopmentDefault = "http://localhost:5080";

    public PublicAddress(IOptions<PortalOptions> options)
        : this(Parse(options.Value.PublicAddress))
    {
    }

    public PublicAddress(Uri address)
    {
        HostName = address.IdnHost;
        Origin = address.GetLeftPart(UriPartial.Authority);
        IsHttps = address.Scheme == Uri.UriSchemeHttps;
    }

    /// <summary>Visitors reach the site over TLS (at a proxy or at this node), so every cookie must be Secure.</summary>
    public bool IsHttps { get; }

    /// <summary>Scheme, host and port (when not the scheme's own), like https://safer.bcpcouncil.gov.uk.</summary>
    public string Origin { get; }

    /// <summary>The host name alone, lower case, like safer.bcpcouncil.gov.uk.</summary>
    public string HostName { get; }

    /// <summary>The absolute address of a path on this site: Absolute("/admin/referrals/SB-7K3P-2Q").</summary>
    public string Absolute(string path) => Origin + (path.StartsWith('/') ? path : "/" + path);

    /// <summary>
    /// Whether a request's Host names this site. Only the host name is compared: behind a TLS proxy the visitor's
    /// port is 443 while this node listens on its own, and which port reaches the node is the network's business.
    /// </summary>
    public bool IsThisSite(HostString host) => string.Equals(host.Host.TrimEnd('.'), HostName, StringComparison.OrdinalIgnoreCase);

    /// <summary>An http or https address with nothing after the host name (a trailing / is fine).</summary>
    public static bool TryParse(string? value, out Uri address)
    {
        address = null!;
        if (!Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            return false;
        }

        address = uri;
        return true;
    }

    private static Uri Parse(string? value) =>
        TryParse(value, out var address) ? address : throw new InvalidOperationException(PortalAddressValidation.Problem(value));
}
