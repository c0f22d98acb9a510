using Microsoft.Extensions.Options;
using SaferBcp.Cms.Data;

namespace SaferBcp.Cms.Hosting;

/// <summary>
/// Refuses to start without a usable public address or with a trusted proxy that is not an address or range.
/// Each failure is one plain sentence, which is the whole message of the exception the start fails with.
/// </summary>
public sealed class PortalAddressValidation : IValidateOptions<PortalOptions>
{
    public ValidateOptionsResult Validate(string? name, PortalOptions options)
    {
        if (!PublicAddress.TryParse(options.PublicAddress, out _))
        {
            return ValidateOptionsResult.Fail(Problem(options.PublicAddress));
        }

        return options.TrustedProxies.FirstOrDefault(entry => !TrustedProxies.TryParse(entry, out _)) is { } wrong
            ? ValidateOptionsResult.Fail($"Portal:TrustedProxies must list IP addresses or ranges, like 10.0.0.5 or 10.1.0.0/16; \"{wrong}\" is neither")
            : ValidateOptionsResult.Success;
    }

    /// <summary>What is wrong with a public address that <see cref="PublicAddress.TryParse"/> refused.</summary>
    public static string Problem(string? value) => string.IsNullOrWhiteSpace(value)
        ? "Portal:PublicAddress must be set to the site's public address, like https://safer.example.org"
        : $"Portal:PublicAddress must be the site's address alone, starting with https:// or http://, like https://safer.example.org; \"{value}\" is not";
}
