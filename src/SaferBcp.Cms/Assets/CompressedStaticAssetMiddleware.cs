using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Headers;
using Microsoft.Net.Http.Headers;

namespace SaferBcp.Cms.Assets;

/// <summary>
/// Answers a request for a theme or module text file (CSS, JS, SVG, JSON) with its Brotli or gzip bytes, made once
/// (<see cref="StaticAsset"/>), when the browser's Accept-Encoding allows. Everything else (images, range requests,
/// a browser without compression) goes on to the static file middleware, which sends the file as it is.
/// </summary>
public sealed class CompressedStaticAssetMiddleware
{
    private readonly RequestDelegate _next;
    private readonly StaticAssetCatalog _catalog;

    public CompressedStaticAssetMiddleware(RequestDelegate next, StaticAssetCatalog catalog)
    {
        _next = next;
        _catalog = catalog;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) || request.Headers.Range.Count > 0)
        {
            await _next(context);
            return;
        }

        var asset = _catalog.Find(request.Path);
        var encoding = asset is { Compressible: true } ? PreferredEncoding(request) : null;
        if (asset is null || encoding is null)
        {
            await _next(context);
            return;
        }

        var body = encoding == "br" ? asset.Brotli : asset.Gzip;
        var etag = new EntityTagHeaderValue($"\"{asset.Fingerprint}-{encoding}\"");
        var response = context.Response;
        var headers = response.GetTypedHeaders();
        response.ContentType = asset.ContentType;
        response.Headers.ContentEncoding = encoding;
        response.Headers.Vary = HeaderNames.AcceptEncoding;
        response.Headers.CacheControl = StaticAssetCaching.For(request, asset);
        headers.ETag = etag;
        headers.LastModified = asset.LastModified;

        if (NotModified(request.GetTypedHeaders(), etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.ContentLength = body.Length;
        if (HttpMethods.IsGet(request.Method))
        {
            await response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    private static bool NotModified(RequestHeaders request, EntityTagHeaderValue etag) =>
        request.IfNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: false));

    /// <summary>"br" or "gzip", whichever the browser accepts with the higher weight (Brotli on a tie), or null.</summary>
    private static string? PreferredEncoding(HttpRequest request)
    {
        double brotli = 0, gzip = 0;
        foreach (var value in request.GetTypedHeaders().AcceptEncoding)
        {
            var weight = value.Quality ?? 1;
            if (value.Value.Equals("br", StringComparison.OrdinalIgnoreCase))
            {
                brotli = weight;
            }
            else if (value.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase))
            {
                gzip = weight;
            }
        }

        if (brotli > 0 && brotli >= gzip)
        {
            return "br";
        }

        return gzip > 0 ? "gzip" : null;
    }
}
