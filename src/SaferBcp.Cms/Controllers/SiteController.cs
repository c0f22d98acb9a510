using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using SaferBcp.Cms.Data;
using SaferBcp.Cms.Security;
using SaferBcp.Cms.Settings;

namespace SaferBcp.Cms.Controllers;

/// <summary>Exit this page, and the themed error and not-found pages.</summary>
public sealed class SiteController : Controller
{
    private readonly SiteSettings _settings;
    private readonly ILogger<SiteController> _logger;

    public SiteController(SiteSettings settings, ILogger<SiteController> logger)
    {
        _settings = settings;
        _logger = logger;
    }

    /// <summary>
    /// Where "Exit this page" leads: every cookie this site set is deleted and the browser is told to
    /// clear this site's data, then the visitor lands on a neutral site. Works with or without JavaScript.
    /// </summary>
    [HttpGet("exit-this-page")]
    public async Task<IActionResult> Exit()
    {
        foreach (var cookie in Request.Cookies.Keys)
        {
            Response.Cookies.Delete(cookie, new CookieOptions { Path = "/" });
        }

        Response.Headers["Clear-Site-Data"] = "\"cookies\", \"storage\"";
        SecurityHeadersMiddleware.NoStore(Response);
        var target = await _settings.GetAsync(SiteSettings.NeutralExitUrl, "https://www.bbc.co.uk/weather");
        return Redirect(target.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? target : "https://www.bbc.co.uk/weather");
    }

    // Re-executed with the failed request's method: a POST must not be checked for antiforgery (or read) again.
    [Route("error")]
    [IgnoreAntiforgeryToken]
    [ApiExplorerSettings(IgnoreApi = true)]
    public IActionResult Error()
    {
        var failure = HttpContext.Features.Get<IExceptionHandlerPathFeature>();
        if (DatabaseUnavailable.Is(failure?.Error))
        {
            // Broken pooled connections would each fail one more request once the database is back: drop them now.
            Npgsql.NpgsqlConnection.ClearAllPools();
            _logger.LogWarning("The database could not be reached on {Path}: {Reason}", failure!.Path, failure.Error.Message);
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            Response.Headers.RetryAfter = "30";
            ViewData["Title"] = "Sorry, the service is unavailable";
            return View("~/Views/Site/Unavailable.cshtml");
        }

        if (failure is null)
        {
            // Asked for directly, not re-executed after a failure: there is no error to report.
            return Status(StatusCodes.Status404NotFound);
        }

        // The path only: query strings can carry what a person typed.
        _logger.LogError(failure.Error, "Unhandled error on {Path}", failure.Path);

        Response.StatusCode = StatusCodes.Status500InternalServerError;
        ViewData["Title"] = "Sorry, there is a problem with the service";
        return View("~/Views/Site/Error.cshtml");
    }

    [Route("status/{code:int}")]
    [IgnoreAntiforgeryToken]
    [ApiExplorerSettings(IgnoreApi = true)]
    public IActionResult Status([FromRoute] int code)
    {
        // From the route only: a form field or query value named "code" must not choose the status. Asked for directly
        // with something that is not an error status, the address is simply not a page.
        code = code is >= 400 and <= 599 ? code : StatusCodes.Status404NotFound;
        Response.StatusCode = code;
        if (code == StatusCodes.Status404NotFound)
        {
            ViewData["Title"] = "Page not found";
            return View("~/Views/Site/NotFound.cshtml");
        }

        if (code is StatusCodes.Status403Forbidden)
        {
            ViewData["Title"] = "You do not have permission to see this page";
            return View("~/Views/Site/Forbidden.cshtml");
        }

        if (code is StatusCodes.Status413PayloadTooLarge)
        {
            ViewData["Title"] = "The file is too big";
            return View("~/Views/Site/TooLarge.cshtml");
        }

        if (code is StatusCodes.Status400BadRequest or StatusCodes.Status415UnsupportedMediaType)
        {
            ViewData["Title"] = "Sorry, we could not read what your browser sent";
            return View("~/Views/Site/BadRequest.cshtml");
        }

        if (code is StatusCodes.Status429TooManyRequests)
        {
            var original = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>()?.OriginalPath ?? "";
            ViewData["SignIn"] = original.StartsWith("/account", StringComparison.Ordinal);
            ViewData["Title"] = "Too many requests";
            return View("~/Views/Site/TooManyRequests.cshtml");
        }

        ViewData["Title"] = "Sorry, there is a problem with the service";
        return View("~/Views/Site/Error.cshtml");
    }
}
