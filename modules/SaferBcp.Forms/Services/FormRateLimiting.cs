using System.Net;
using System.Security.Cryptography;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace SaferBcp.Forms.Services;

/// <summary>
/// Partitions the form rate limit by a keyed hash of the client's address. The key is random, made at
/// start-up and held only in memory, so the partition keys cannot be turned back into addresses; neither
/// the address nor its hash is stored or logged.
/// </summary>
public sealed class ClientPartitionKey
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public string For(IPAddress? address)
    {
        var bytes = address?.MapToIPv6().GetAddressBytes() ?? [];
        return Convert.ToHexString(HMACSHA256.HashData(_key, bytes));
    }
}

public static class FormRateLimiting
{
    public const string Policy = "SaferBcp.Forms";

    public static void AddPolicy(RateLimiterOptions options, FormsOptions forms)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.AddPolicy(Policy, context =>
        {
            var key = context.RequestServices.GetRequiredService<ClientPartitionKey>().For(context.Connection.RemoteIpAddress);
            return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = Math.Max(1, forms.RateLimitPermits),
                Window = TimeSpan.FromSeconds(Math.Max(1, forms.RateLimitWindowSeconds)),
                QueueLimit = 0,
            });
        });
    }
}
