using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SaferBcp.Cms.Assets;

/// <summary>
/// Brotli or gzip for pages and data made per request (HTML, CSV, JSON, GeoJSON), except the back office.
/// </summary>
/// <remarks>
/// <para>BREACH: compression over HTTPS lets an attacker who can both put text into a response and watch its size
/// guess a secret in the same response. Public pages hold no secret but the antiforgery token, which ASP.NET masks
/// afresh on every response (a new random XOR mask), so its compressed size tells nothing; the staff and visitor
/// cookies are SameSite=Strict, so another site cannot make a browser fetch a signed-in page anyway.
/// The back office (/admin, /account) is still never compressed: its pages show personal data (referrals, survey
/// contacts) and secrets (a new authenticator key) next to text others wrote (a referral's free text), and staff
/// use few, small pages, so the saving is not worth the risk.</para>
/// <para>The pipeline puts compression inside the output cache, so a cached public page is stored compressed, once
/// per encoding (<see cref="CacheVariesByEncoding"/>), and served from the cache without compressing again.</para>
/// </remarks>
public static class PortalResponseCompression
{
    public static IServiceCollection AddPortalResponseCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["text/csv", "application/geo+json", "image/svg+xml"]);
        });
        // Optimal rather than Fastest: a cached public page is compressed once per cache entry and encoding, and
        // the pages made per request (forms, search) are small.
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        services.Replace(ServiceDescriptor.Singleton<IResponseCompressionProvider, BackOfficeUncompressed>());
        services.Configure<OutputCacheOptions>(o => o.AddBasePolicy(new CacheVariesByEncoding()));
        return services;
    }

    public static bool IsBackOffice(PathString path) => path.StartsWithSegments("/admin") || path.StartsWithSegments("/account");

    /// <summary>The framework's choice of encoding and content types, with the back office left out (see above).</summary>
    private sealed class BackOfficeUncompressed : IResponseCompressionProvider
    {
        private readonly ResponseCompressionProvider _framework;

        public BackOfficeUncompressed(IServiceProvider services, IOptions<ResponseCompressionOptions> options) =>
            _framework = new ResponseCompressionProvider(services, options);

        public ICompressionProvider? GetCompressionProvider(HttpContext context) => _framework.GetCompressionProvider(context);

        public bool CheckRequestAcceptsCompression(HttpContext context) =>
            !IsBackOffice(context.Request.Path) && _framework.CheckRequestAcceptsCompression(context);

        public bool ShouldCompressResponse(HttpContext context) =>
            !IsBackOffice(context.Request.Path) && _framework.ShouldCompressResponse(context);
    }

    /// <summary>
    /// Keys a cached page by the encoding the browser will get (br, gzip or none), since the cache holds the
    /// compressed bytes: a browser without Brotli must not be sent a Brotli copy. Only keys; caches nothing by itself.
    /// </summary>
    private sealed class CacheVariesByEncoding : IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var compression = context.HttpContext.RequestServices.GetRequiredService<IResponseCompressionProvider>();
            var encoding = compression.CheckRequestAcceptsCompression(context.HttpContext)
                ? compression.GetCompressionProvider(context.HttpContext)?.EncodingName
                : null;
            context.CacheVaryByRules.VaryByValues["content-encoding"] = encoding ?? "identity";
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;
    }
}
