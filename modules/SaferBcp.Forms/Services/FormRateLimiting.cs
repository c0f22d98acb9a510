using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace SaferBcp.Forms.Services;

/// <summary>
/// Form posts per client address, partitioned by the kernel's ClientAddressKey (a keyed hash, the key in memory only), so
/// neither the address nor its hash is stored or logged.
/// </summary>
public static class FormRateLimiting
{
    public const string Policy = "SaferBcp.Forms";

    public static void AddPolicy(RateLimiterOptions options, FormsOptions forms)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.AddPolicy(Policy, context =>
        {
            var key = context.RequestServices.GetRequiredService<SaferBcp.Cms.Security.ClientAddressKey>().For(context.Connection.RemoteIpAddress);
            return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = Math.Max(1, forms.RateLimitPermits),
                Window = TimeSpan.FromSeconds(Math.Max(1, forms.RateLimitWindowSeconds)),
                QueueLimit = 0,
            });
        });
    }
}
