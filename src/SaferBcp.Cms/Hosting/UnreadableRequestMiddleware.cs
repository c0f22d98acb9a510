using System.Text;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace SaferBcp.Cms.Hosting;

/// <summary>
/// A form post the portal cannot read is the sender's mistake, not the portal's: it gets a 400 (415 for a character
/// set other than UTF-8 and its subsets) and the themed "could not read what was sent" page, never a 500. Checks what it
/// can before anything reads the body (the character set, a multipart boundary), and turns the exceptions ASP.NET Core
/// throws while reading a malformed body (wherever that happens: antiforgery, model binding) into the same answer.
/// The form is then replaced by an empty one, so the re-executed status page does not trip over the same body.
/// </summary>
public sealed class UnreadableRequestMiddleware
{
    private readonly RequestDelegate _next;
    private readonly ILogger<UnreadableRequestMiddleware> _logger;

    public UnreadableRequestMiddleware(RequestDelegate next, ILogger<UnreadableRequestMiddleware> logger)
    {
        _next = next;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is null && FormProblem(context.Request) is { } status)
        {
            _logger.LogInformation("Refused a form post to {Path} that could not be read ({Status}): {ContentType}", context.Request.Path, status, context.Request.ContentType);
            Refuse(context, status);
            return;
        }

        try
        {
            await _next(context);
        }
        catch (Exception exception) when (UnreadableRequest.Is(exception) && !context.Response.HasStarted)
        {
            // The path only: query strings can carry what a person typed.
            _logger.LogInformation("Refused a request to {Path} whose body could not be read: {Reason}", context.Request.Path, exception.Message);
            context.Response.Clear();
            Refuse(context, StatusCodes.Status400BadRequest);
        }
    }

    /// <summary>415 for a form in a character set the portal does not read, 400 for a multipart form without a usable boundary.</summary>
    public static int? FormProblem(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType))
        {
            return null;
        }

        var urlEncoded = contentType.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
        var multipart = contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase);
        if (!urlEncoded && !multipart)
        {
            return null;
        }

        if (contentType.Charset.HasValue && !SupportedCharsets.Contains(contentType.Charset.Value!.Trim('"')))
        {
            return StatusCodes.Status415UnsupportedMediaType;
        }

        if (multipart)
        {
            var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary);
            if (boundary.Length is 0 or > 70)
            {
                return StatusCodes.Status400BadRequest;
            }
        }

        return null;
    }

    /// <summary>What browsers send forms in: UTF-8 (every page here is UTF-8), and its subsets. Never UTF-7.</summary>
    private static readonly HashSet<string> SupportedCharsets = new(StringComparer.OrdinalIgnoreCase)
    {
        "utf-8", "utf8", "us-ascii", "ascii",
    };

    private static void Refuse(HttpContext context, int status)
    {
        context.Features.Set<IFormFeature>(new FormFeature(FormCollection.Empty));
        context.Response.StatusCode = status;
    }
}

/// <summary>The exceptions ASP.NET Core throws when a request body is malformed, cut short or over a limit.</summary>
public static class UnreadableRequest
{
    public static bool Is(Exception? exception) => exception switch
    {
        null => false,
        InvalidDataException or BadHttpRequestException or DecoderFallbackException => true,
        // A multipart body cut short: the reader runs out of stream before the closing boundary.
        IOException io when io.Message.StartsWith("Unexpected end of Stream", StringComparison.Ordinal) => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(Is),
        _ => Is(exception.InnerException) && exception is not OperationCanceledException,
    };
}
