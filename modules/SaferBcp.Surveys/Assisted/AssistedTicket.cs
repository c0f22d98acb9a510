using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using SaferBcp.Forms.Controllers;
using SaferBcp.Forms.Services;

namespace SaferBcp.Surveys.Assisted;

/// <summary>What staff chose when they opened a survey in assisted mode, for one form session.</summary>
public sealed record AssistedTicket(string SurveyId, string SessionKey, string Channel, string? Organisation);

/// <summary>
/// Assisted mode is the public survey's own pages (same questions, same validation, same form session) answered in a
/// staff member's browser that also carries a ticket: a cookie, encrypted with Data Protection, naming the survey,
/// the form session it was opened for, the channel and the organisation. A response is stored as assisted only when
/// the ticket matches the form session being sent and the browser is signed in with <see cref="Permissions.EnterResponses"/>;
/// the ticket names no member of staff, and nothing of it but the channel and organisation reaches the response.
/// </summary>
public sealed class AssistedTickets
{
    public const string CookieName = "saferbcp-assisted";
    public const string Purpose = "SaferBcp.Surveys.Assisted.v1";
    private readonly IDataProtector _protector;
    private readonly IHttpContextAccessor _http;
    private readonly IAuthorizationService _authorization;

    public AssistedTickets(IDataProtectionProvider protection, IHttpContextAccessor http, IAuthorizationService authorization)
    {
        _protector = protection.CreateProtector(Purpose);
        _http = http;
        _authorization = authorization;
    }

    /// <summary>Gives the browser a new, empty form session of the survey and the ticket that marks it as assisted.</summary>
    public async Task StartAsync(HttpContext context, FormSessionStore sessions, Services.SurveyInfo survey, string channel, string? organisation, CancellationToken cancellationToken)
    {
        // The form cookie (path: the survey) is replaced, so a public journey this browser had under way in the survey
        // can no longer be continued or sent; it is deleted with other idle sessions. The back office cannot see that
        // cookie to delete it now: it is not sent outside the survey's path.
        var (token, session) = await sessions.CreateAsync(survey.ContentItemId, new Forms.Models.FormState(), cancellationToken);
        var options = new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = context.Request.IsHttps, Path = survey.Url, IsEssential = true };
        context.Response.Cookies.Append(FormRunnerController.CookieName, token, options);
        var ticket = new AssistedTicket(survey.ContentItemId, session.Id, channel, string.IsNullOrWhiteSpace(organisation) ? null : organisation.Trim());
        context.Response.Cookies.Append(CookieName, _protector.Protect(JsonSerializer.Serialize(ticket)), options);
    }

    /// <summary>The ticket of the browser's current form session of this survey, signed in or not; null when there is none.</summary>
    public AssistedTicket? Find(HttpContext context, string surveyId)
    {
        var token = context.Request.Cookies[FormRunnerController.CookieName];
        if (context.Request.Cookies[CookieName] is not { Length: > 0 } stored || string.IsNullOrEmpty(token))
        {
            return null;
        }

        AssistedTicket? ticket;
        try
        {
            ticket = JsonSerializer.Deserialize<AssistedTicket>(_protector.Unprotect(stored));
        }
        catch (Exception ex) when (ex is CryptographicException or JsonException)
        {
            return null;
        }

        return ticket is not null && ticket.SurveyId == surveyId && ticket.SessionKey == FormSessionStore.Key(token) ? ticket : null;
    }

    public async Task<bool> MayEnterAsync(HttpContext context) =>
        (await _authorization.AuthorizeAsync(context.User, Permissions.EnterResponses)).Succeeded;

    /// <summary>The ticket of the form session being sent, when a member of staff who may enter responses is sending it.</summary>
    public async Task<AssistedTicket?> ForSubmissionAsync(Forms.Services.FormSubmission submission)
    {
        if (_http.HttpContext is not { } context || Find(context, submission.ContentItemId) is not { } ticket || ticket.SessionKey != submission.SubmissionKey)
        {
            return null;
        }

        return await MayEnterAsync(context) ? ticket : null;
    }

    public static void Forget(HttpContext context, string surveyUrl) =>
        context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = surveyUrl, SameSite = SameSiteMode.Strict, HttpOnly = true, Secure = context.Request.IsHttps });
}
