using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SaferBcp.Cms.Data;
using SaferBcp.Cms.Localization;
using SaferBcp.Cms.Display;
using SaferBcp.Cms.Security;
using SaferBcp.Forms.Models;
using SaferBcp.Forms.Services;

namespace SaferBcp.Forms.Controllers;

/// <summary>
/// Serves every published form at /{kind prefix}/{slug}: start page, one page per step, check your answers,
/// submit, confirmation. Nothing is kept in the browser but a session cookie with a random id; every page is no-store.
/// </summary>
public sealed class FormRunnerController : Controller
{
    public const string CookieName = "saferbcp-form-session";
    private const string Route = "{prefix:" + FormPrefixConstraint.Name + "}/{slug}";
    private readonly FormCatalog _catalog;
    private readonly FormSessionStore _sessions;
    private readonly AnswerValidator _validator;
    private readonly IEnumerable<IFormSubmissionHandler> _handlers;
    private readonly IEnumerable<IFormJourneyObserver> _observers;
    private readonly PortalDatabase _database;
    private readonly MarkdownRenderer _markdown;
    private readonly TimeProvider _clock;
    private readonly FormsOptions _options;
    private readonly ILogger<FormRunnerController> _logger;
    private readonly IStringLocalizer<FormsText> T;

    public FormRunnerController(
        FormCatalog catalog,
        FormSessionStore sessions,
        AnswerValidator validator,
        IEnumerable<IFormSubmissionHandler> handlers,
        IEnumerable<IFormJourneyObserver> observers,
        PortalDatabase database,
        MarkdownRenderer markdown,
        TimeProvider clock,
        IOptions<FormsOptions> options,
        ILogger<FormRunnerController> logger,
        IStringLocalizer<FormsText> localizer)
    {
        T = localizer;
        _catalog = catalog;
        _sessions = sessions;
        _validator = validator;
        _handlers = handlers;
        _observers = observers;
        _database = database;
        _markdown = markdown;
        _clock = clock;
        _options = options.Value;
        _logger = logger;
    }

    public override void OnActionExecuting(ActionExecutingContext context)
    {
        SecurityHeadersMiddleware.NoStore(Response);
        ViewData["Sensitive"] = true;
        base.OnActionExecuting(context);
    }

    [HttpGet(Route)]
    public async Task<IActionResult> Start(string prefix, string slug)
    {
        if (await _catalog.FindAsync(prefix, slug) is not { } form || new FormJourney(form.Part).FirstPage is not { } first)
        {
            return NotFound();
        }

        ViewData["Title"] = form.Title;
        return View("~/Views/SaferBcpForms/Start.cshtml", new FormStartModel(form, _markdown.ToHtml(form.Part.IntroMarkdown), PageUrl(form, first)));
    }

    [HttpGet(Route + "/{pageId}")]
    public async Task<IActionResult> Page(string prefix, string slug, string pageId, bool change = false)
    {
        if (await _catalog.FindAsync(prefix, slug) is not { } form || new FormJourney(form.Part) is var journey && journey.FindPage(pageId) is not { } page)
        {
            return NotFound();
        }

        var session = await _sessions.FindAsync(Request.Cookies[CookieName], form.ContentItemId);
        var isFirst = journey.FirstPage?.Id == page.Id;
        if (session is null || session.SubmittedReference is not null)
        {
            if (isFirst)
            {
                return RenderPage(form, journey, page, new FormState(), null, [], change: false);
            }

            return session is null ? TimedOut(form) : Redirect(BaseUrl(form) + "/confirmation");
        }

        var state = _sessions.Read(session);
        if (!journey.CanShow(page.Id, state))
        {
            return Redirect(NextStepUrl(form, journey, state));
        }

        await _sessions.TouchAsync(session);
        return RenderPage(form, journey, page, state, null, [], change);
    }

    [HttpPost(Route + "/{pageId}")]
    [EnableRateLimiting(FormRateLimiting.Policy)]
    public async Task<IActionResult> Answer(string prefix, string slug, string pageId, bool change = false)
    {
        if (await _catalog.FindAsync(prefix, slug) is not { } form || new FormJourney(form.Part) is var journey && journey.FindPage(pageId) is not { } page)
        {
            return NotFound();
        }

        var fields = page.Questions.SelectMany(FormFields.Names).ToHashSet(StringComparer.Ordinal);
        if (HasUnknownFields(fields))
        {
            return BadRequest();
        }

        var session = await _sessions.FindAsync(Request.Cookies[CookieName], form.ContentItemId, HttpContext.RequestAborted);
        FormState state;
        if (session is null || session.SubmittedReference is not null)
        {
            if (journey.FirstPage?.Id != page.Id)
            {
                return session is null ? TimedOut(form) : Redirect(BaseUrl(form) + "/confirmation");
            }

            session = null;
            state = new FormState();
        }
        else
        {
            state = _sessions.Read(session);
            if (!journey.CanShow(page.Id, state))
            {
                return Redirect(NextStepUrl(form, journey, state));
            }
        }

        if (page.EndsJourney)
        {
            return Redirect(PageUrl(form, page));
        }

        var results = page.Questions.Select(q => (Question: q, Result: _validator.Check(q, name => Request.Form[name].Select(v => v ?? "").ToList()))).ToList();
        var errors = results.Where(r => !r.Result.IsValid).Select(r => new KeyValuePair<string, string>(r.Result.ErrorElementId, r.Result.Error!)).ToList();
        if (errors.Count > 0)
        {
            var posted = fields.ToDictionary(f => f, f => (IReadOnlyList<string>)Request.Form[f].Select(v => v ?? "").ToList(), StringComparer.Ordinal);
            return RenderPage(form, journey, page, state, posted, errors, change);
        }

        foreach (var (question, result) in results)
        {
            if (result.Values.Count > 0)
            {
                state.Answers.Set(question.Id, result.Values);
            }
            else
            {
                state.Answers.Remove(question.Id);
            }
        }

        state.CompletedPages.Add(page.Id);
        state.HiddenFieldFilled |= HoneypotFilled;
        if (session is null)
        {
            var (token, _) = await _sessions.CreateAsync(form.ContentItemId, state);
            Response.Cookies.Append(CookieName, token, SessionCookie(form));
            foreach (var observer in _observers)
            {
                observer.Started(form.ContentItemId);
            }
        }
        else
        {
            await _sessions.SaveAsync(session, state);
        }

        if (change)
        {
            return Redirect(NextStepUrl(form, journey, state, change: true));
        }

        var next = journey.Next(page.Id, state.Answers);
        return Redirect(next is null ? BaseUrl(form) + "/check" : PageUrl(form, next));
    }

    [HttpGet(Route + "/check")]
    public async Task<IActionResult> Check(string prefix, string slug)
    {
        if (await _catalog.FindAsync(prefix, slug) is not { } form)
        {
            return NotFound();
        }

        var journey = new FormJourney(form.Part);
        var session = await _sessions.FindAsync(Request.Cookies[CookieName], form.ContentItemId);
        if (session is null)
        {
            return TimedOut(form);
        }

        if (session.SubmittedReference is not null)
        {
            return Redirect(BaseUrl(form) + "/confirmation");
        }

        var state = _sessions.Read(session);
        if (journey.FirstIncomplete(state) is not null)
        {
            return Redirect(NextStepUrl(form, journey, state));
        }

        await _sessions.TouchAsync(session);
        return RenderCheck(form, state);
    }

    [HttpPost(Route + "/check")]
    [EnableRateLimiting(FormRateLimiting.Policy)]
    public async Task<IActionResult> Submit(string prefix, string slug)
    {
        // Not cancelled when the browser goes away: once started, a submission completes or rolls back on its own.
        var cancellationToken = CancellationToken.None;
        if (await _catalog.FindAsync(prefix, slug, cancellationToken) is not { } form)
        {
            return NotFound();
        }

        if (HasUnknownFields(new HashSet<string>()))
        {
            return BadRequest();
        }

        var token = Request.Cookies[CookieName];
        if (string.IsNullOrEmpty(token))
        {
            return TimedOut(form);
        }

        var key = FormSessionStore.Key(token);
        var journey = new FormJourney(form.Part);
        var handler = _handlers.FirstOrDefault(h => h.Kind == form.Kind.Name);

        // The costly part (encrypting, rendering emails) before the transaction, so the write lock is held only for
        // the writes. Read without claiming: the claim below is what makes the submission happen once.
        Prepared? prepared = null;
        if (handler is IPreparingFormSubmissionHandler preparing && await _sessions.FindAsync(token, form.ContentItemId, cancellationToken) is { SubmittedReference: null } unclaimed)
        {
            var state = _sessions.Read(unclaimed);
            if (journey.FirstIncomplete(state) is null)
            {
                try
                {
                    prepared = new Prepared(unclaimed.ProtectedState, state, await preparing.PrepareAsync(NewSubmission(form, journey, state, key), cancellationToken));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    return SubmitFailed(form, ex);
                }
            }
        }

        await using (var transaction = await _database.BeginTransactionAsync(cancellationToken))
        {
            if (await _sessions.ClaimForSubmitAsync(key, form.ContentItemId, cancellationToken))
            {
                var session = (await _sessions.GetAsync(key, cancellationToken))!;

                // Prepared from these very answers, unless another tab changed them in between.
                var current = prepared is not null && prepared.ProtectedState == session.ProtectedState ? prepared : null;
                var state = current?.State ?? _sessions.Read(session);
                if (journey.FirstIncomplete(state) is not null)
                {
                    return Redirect(NextStepUrl(form, journey, state));
                }

                FormSubmissionResult result;
                try
                {
                    if (handler is null)
                    {
                        throw new InvalidOperationException($"No submission handler is registered for forms of kind {form.Kind.Name}.");
                    }

                    if (current is not null)
                    {
                        result = await current.Submission.SaveAsync(cancellationToken);
                    }
                    else
                    {
                        var submission = NewSubmission(form, journey, state, key);
                        result = handler is IPreparingFormSubmissionHandler preparingNow
                            ? await (await preparingNow.PrepareAsync(submission, cancellationToken)).SaveAsync(cancellationToken)
                            : await handler.SubmitAsync(submission, cancellationToken);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    return SubmitFailed(form, ex);
                }

                await _sessions.MarkSubmittedAsync(key, result.Reference, result.WhatHappensNextMarkdown, cancellationToken);
                await transaction.CommitAsync();
                foreach (var observer in _observers)
                {
                    observer.Completed(form.ContentItemId);
                }

                return Redirect(BaseUrl(form) + "/confirmation");
            }
        }

        // Not claimed: already submitted (a double click, the back button, a second tab) or expired.
        var existing = await _sessions.FindAsync(token, form.ContentItemId, cancellationToken);
        return existing?.SubmittedReference is not null ? Redirect(BaseUrl(form) + "/confirmation") : TimedOut(form);
    }

    private sealed record Prepared(string ProtectedState, FormState State, IPreparedFormSubmission Submission);

    private FormSubmission NewSubmission(PublishedForm form, FormJourney journey, FormState state, string key) =>
        // The form as staff wrote it, whatever language she answered in: option values are the same in every language.
        new(form.ContentItemId, form.SourceTitle, form.SourcePart, journey.AnswersOnRoute(state.Answers), _clock.GetUtcNow().UtcDateTime, key,
            PossiblyAutomated: state.HiddenFieldFilled || HoneypotFilled, Culture: form.Culture) { Shown = form.Part };

    private ViewResult SubmitFailed(PublishedForm form, Exception ex)
    {
        // The exception's type only: a handler's message could quote an answer.
        _logger.LogError("Submitting form {FormId} failed with {Exception}; the answers stay in the session", form.ContentItemId, ex.GetType().FullName);
        Response.StatusCode = StatusCodes.Status500InternalServerError;
        ViewData["Title"] = T["Sorry, there is a problem with the service"].Value;
        return View("~/Views/SaferBcpForms/SubmitFailed.cshtml", new FormMessageModel(form, _options.SessionIdleMinutes));
    }

    [HttpGet(Route + "/confirmation")]
    public async Task<IActionResult> Confirmation(string prefix, string slug)
    {
        if (await _catalog.FindAsync(prefix, slug) is not { } form)
        {
            return NotFound();
        }

        var session = await _sessions.FindAsync(Request.Cookies[CookieName], form.ContentItemId);
        if (session is null)
        {
            return TimedOut(form);
        }

        if (session.SubmittedReference is null)
        {
            return Redirect(BaseUrl(form) + "/check");
        }

        ViewData["Title"] = form.SentHeading;
        var next = session.WhatHappensNextMarkdown ?? form.Part.WhatHappensNextMarkdown;
        return View("~/Views/SaferBcpForms/Confirmation.cshtml", new FormConfirmationModel(form, session.SubmittedReference, _markdown.ToHtml(next)));
    }

    /// <summary>
    /// The hidden "leave this empty" field came back filled. Such a post is never dropped or answered with a pretend
    /// confirmation: autofill or an assistive tool can fill it for a real person, who would then be told her referral
    /// was sent when it was not. Her answers go through as any other and the submission is flagged for staff to
    /// review (<see cref="FormSubmission.PossiblyAutomated"/>); the per-client rate limit on form posts keeps robots' volume down.
    /// </summary>
    private bool HoneypotFilled => Request.Form.TryGetValue(FormFields.Honeypot, out var value) && !string.IsNullOrWhiteSpace(value.ToString());

    /// <summary>A post may carry only the page's own fields, the antiforgery token and the honeypot.</summary>
    private bool HasUnknownFields(HashSet<string> fields) =>
        Request.Form.Keys.Any(k => k != FormFields.AntiforgeryField && k != FormFields.Honeypot && !fields.Contains(k));

    private ViewResult TimedOut(PublishedForm form)
    {
        ViewData["Title"] = T["Your answers were deleted"].Value;
        return View("~/Views/SaferBcpForms/TimedOut.cshtml", new FormMessageModel(form, _options.SessionIdleMinutes));
    }

    private ViewResult RenderPage(PublishedForm form, FormJourney journey, FormPage page, FormState state, IReadOnlyDictionary<string, IReadOnlyList<string>>? posted, List<KeyValuePair<string, string>> errors, bool change)
    {
        var values = posted ?? page.Questions.SelectMany(q => FormFields.FromAnswer(q, state.Answers)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var previous = journey.Previous(page.Id, state.Answers);
        var backUrl = change ? BaseUrl(form) + "/check" : previous is null ? BaseUrl(form) : PageUrl(form, previous);
        var model = new FormPageModel(form, page, values, errors, PageUrl(form, page, change), backUrl, _markdown.ToHtml(page.InterruptionMarkdown));
        ViewData["Title"] = (errors.Count > 0 ? T["Error:"] + " " : "") + model.Heading + " \u2013 " + form.Title;
        return View("~/Views/SaferBcpForms/Page.cshtml", model);
    }

    private ViewResult RenderCheck(PublishedForm form, FormState state)
    {
        ViewData["Title"] = T["Check your answers"] + " \u2013 " + form.Title;
        var rows = FormAnswerDisplay.RouteRows(form.Part, state.Answers);
        return View("~/Views/SaferBcpForms/Check.cshtml", new FormCheckModel(form, rows));
    }

    private string NextStepUrl(PublishedForm form, FormJourney journey, FormState state, bool change = false) =>
        journey.FirstIncomplete(state) is { } page ? PageUrl(form, page, change && !page.EndsJourney) : BaseUrl(form) + "/check";

    private string PageUrl(PublishedForm form, FormPage page, bool change = false) =>
        BaseUrl(form) + "/" + page.Id + (change ? "?change=true" : "");

    /// <summary>The form's address in the visitor's language: /pl/… keeps her in Polish from page to page.</summary>
    private string BaseUrl(PublishedForm form) => HttpContext.LocalUrl(form.BaseUrl);

    private CookieOptions SessionCookie(PublishedForm form) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = Request.IsHttps,
        Path = BaseUrl(form),
        IsEssential = true,
    };
}

public sealed record FormStartModel(PublishedForm Form, string IntroHtml, string StartUrl);

public sealed record FormMessageModel(PublishedForm Form, int IdleMinutes);

public sealed record FormConfirmationModel(PublishedForm Form, string? Reference, string WhatHappensNextHtml);

public sealed record FormCheckModel(PublishedForm Form, IReadOnlyList<FormAnswerRow> Rows);

public sealed record FormPageModel(
    PublishedForm Form,
    FormPage Page,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Values,
    IReadOnlyList<KeyValuePair<string, string>> Errors,
    string PostUrl,
    string BackUrl,
    string InterruptionHtml)
{
    public bool SingleQuestion => Page.Questions.Count == 1;

    public string Heading => SingleQuestion ? Page.Questions[0].Label : Page.Title;

    public string Value(string field) => Values.TryGetValue(field, out var v) && v.Count > 0 ? v[0] : "";

    public bool Has(string field, string value) => Values.TryGetValue(field, out var v) && v.Contains(value);

    public string? ErrorFor(FormQuestion question)
    {
        var names = FormFields.Names(question);
        return Errors.FirstOrDefault(e => names.Contains(e.Key) || e.Key == question.Id).Value;
    }

    public string? ErrorElement(FormQuestion question)
    {
        var names = FormFields.Names(question);
        return Errors.FirstOrDefault(e => names.Contains(e.Key) || e.Key == question.Id).Key;
    }
}

public sealed record FormQuestionView(FormPageModel Page, FormQuestion Question)
{
    public bool IsHeading => Page.SingleQuestion;

    public string? Error => Page.ErrorFor(Question);

    /// <summary>The input's autocomplete attribute: a purpose token, or "off" on sensitive forms (see <see cref="FormAutocomplete"/>).</summary>
    public string Autocomplete => FormAutocomplete.For(Question, Page.Form.Part.OffersAutofill);

    public string DescribedBy(params string?[] extra) => string.Join(" ", new[]
    {
        Question.Hint is { Length: > 0 } ? Question.Id + "-hint" : null,
        Error is null ? null : Question.Id + "-error",
    }.Concat(extra).Where(x => x is not null));
}
