using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;

namespace SaferBcp.Cms.Hosting;

/// <summary>
/// Portal:TrustedProxies as ASP.NET Core's forwarded-headers settings: X-Forwarded-For and X-Forwarded-Proto are
/// believed only from the listed addresses and ranges. ASP.NET trusts loopback by default; that default is dropped,
/// so a proxy on the same machine must be listed like any other. (On a Unix socket, which has no remote address,
/// ASP.NET believes the nearest hop: only what can open the socket, the proxy, can send it.)
/// </summary>
public static class TrustedProxies
{
    /// <summary>Reads "10.0.0.5" as one address and "10.1.0.0/16" as a range.</summary>
    public static bool TryParse(string entry, out System.Net.IPNetwork network)
    {
        entry = entry.Trim();
        if (entry.Contains('/', StringComparison.Ordinal))
        {
            return System.Net.IPNetwork.TryParse(entry, out network);
        }

        var parsed = IPAddress.TryParse(entry, out var address);
        network = parsed ? new System.Net.IPNetwork(address!, address!.GetAddressBytes().Length * 8) : default;
        return parsed;
    }

    public static void Apply(ForwardedHeadersOptions options, IEnumerable<string> entries)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var entry in entries)
        {
            if (TryParse(entry, out var network))
            {
                options.KnownIPNetworks.Add(network);
            }
        }

        // Walk X-Forwarded-For from the right while each hop is a listed proxy (a CDN in front of a load balancer),
        // and stop at the first address that is not: that is the visitor, whatever they wrote further left.
        options.ForwardLimit = null;
    }
}
