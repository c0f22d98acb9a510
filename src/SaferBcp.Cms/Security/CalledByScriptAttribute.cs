using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;

namespace SaferBcp.Cms.Security;

/// <summary>
/// Marks a back-office endpoint that a page's script calls (like the editor's live Markdown preview). When the staff
/// session has ended it answers 401 with a plain-text message instead of redirecting to the sign-in page: fetch
/// follows redirects, so the script would otherwise get the sign-in page and show it as if it were the answer.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class CalledByScriptAttribute : Attribute
{
    public const string SessionEndedMessage = "Your session has ended; sign in again in another tab \u2014 your text is kept";

    /// <summary>Wraps the cookie's "redirect to sign in" so that endpoints marked with this attribute answer 401 instead.</summary>
    public static Func<RedirectContext<CookieAuthenticationOptions>, Task> AnswerSignedOut(Func<RedirectContext<CookieAuthenticationOptions>, Task> redirect) =>
        context =>
        {
            if (context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<CalledByScriptAttribute>() is null)
            {
                return redirect(context);
            }

            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.ContentType = "text/plain; charset=utf-8";
            context.Response.Headers.CacheControl = "no-store";
            return context.Response.WriteAsync(SessionEndedMessage);
        };
}
