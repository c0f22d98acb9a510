using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using SaferBcp.Cms.Data;

namespace SaferBcp.Cms.Hosting;

/// <summary>Fills in what configuration may leave out or write in a shorter form.</summary>
public static class PortalAddressDefaults
{
    public static void Apply(PortalOptions options, IHostEnvironment environment, IConfiguration configuration)
    {
        if (environment.IsDevelopment() && string.IsNullOrWhiteSpace(options.PublicAddress))
        {
            options.PublicAddress = PublicAddress.DevelopmentDefault;
        }

        // One comma-separated value (Portal__TrustedProxies=10.0.0.5,10.1.0.0/16) as well as an array.
        if (configuration["Portal:TrustedProxies"] is { Length: > 0 } list)
        {
            options.TrustedProxies = [.. list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
        }
    }
}
