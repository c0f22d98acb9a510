using System.Net;
using System.Security.Cryptography;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SaferBcp.Cms.Security;

/// <summary>Portal:SignIn — how many sign-in attempts (password or code) one client address may make in a window.</summary>
public sealed class SignInThrottleOptions
{
    /// <summary>
    /// Attempts per client address per window. Generous enough for an office whose staff share one address
    /// behind the council's proxy; per account, Identity's lockout (5 failures, 15 minutes) applies as well.
    /// </summary>
    public int AttemptsPerAddress { get; set; } = 30;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// Throttles sign-in posts per client address: the address as the portal's trusted-proxy handling resolved it
/// (Portal:TrustedProxies), so a visitor cannot pick a fresh partition by writing X-Forwarded-For. The partition
/// key is a keyed hash, the key random and in memory only, so no address is kept.
/// </summary>
public static class SignInRateLimiting
{
    public const string Policy = "SaferBcp.SignIn";

    public static void AddPolicy(RateLimiterOptions options)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.OnRejected = (context, _) =>
        {
            // The page itself comes from the status-code pages (a plain-English "wait and try again").
            if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            {
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return ValueTask.CompletedTask;
        };
        options.AddPolicy(Policy, context =>
        {
            var settings = context.RequestServices.GetRequiredService<IOptions<SignInThrottleOptions>>().Value;
            var key = context.RequestServices.GetRequiredService<ClientAddressKey>().For(context.Connection.RemoteIpAddress);
            return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = Math.Max(1, settings.AttemptsPerAddress),
                Window = settings.Window > TimeSpan.Zero ? settings.Window : TimeSpan.FromMinutes(5),
                QueueLimit = 0,
            });
        });
    }
}

/// <summary>A keyed hash of a client address, for rate-limit partitions that must not hold the address itself.</summary>
public sealed class ClientAddressKey
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public string For(IPAddress? address)
    {
        var bytes = address?.MapToIPv6().GetAddressBytes() ?? [];
        return Convert.ToHexString(HMACSHA256.HashData(_key, bytes));
    }
}
