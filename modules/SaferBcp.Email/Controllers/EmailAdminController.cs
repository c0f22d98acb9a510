using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SaferBcp.Cms.Audit;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Controllers;
using SaferBcp.Email.Services;

namespace SaferBcp.Email.Controllers;

/// <summary>The outbox (queued and failed messages, never their content) and the email templates.</summary>
[Route("admin/email")]
[Authorize(Policy = Permissions.ManageEmail)]
public sealed class EmailAdminController : AdminControllerBase
{
    private readonly OutboxMonitor _monitor;
    private readonly EmailTemplateStore _templates;
    private readonly EmailTemplateRenderer _renderer;
    private readonly EmailOptions _options;
    private readonly IEmailOutbox _outbox;
    private readonly AuditLog _audit;
    private readonly TimeProvider _clock;

    public EmailAdminController(OutboxMonitor monitor, EmailTemplateStore templates, EmailTemplateRenderer renderer, IOptions<EmailOptions> options, IEmailOutbox outbox, AuditLog audit, TimeProvider clock)
    {
        _monitor = monitor;
        _templates = templates;
        _renderer = renderer;
        _options = options.Value;
        _outbox = outbox;
        _audit = audit;
        _clock = clock;
    }

    [HttpGet("")]
    public async Task<IActionResult> Index()
    {
        ViewData["Title"] = "Email";
        return View("~/Views/EmailAdmin/Index.cshtml", new OutboxPageModel(await _monitor.SummaryAsync(), _options.MaxAttempts, _options.Mode, null, null));
    }

    /// <summary>Queues the test email to an address staff give, to check the mail settings end to end.</summary>
    [HttpPost("test")]
    public async Task<IActionResult> SendTest(string? address)
    {
        address = address?.Trim();
        if (!SaferBcp.Cms.Formats.EmailAddress.TryParse(address, out var recipient))
        {
            var error = string.IsNullOrEmpty(address) ? "Enter an email address to send the test email to" : "Enter an email address in the correct format, like name@example.org";
            ModelState.AddModelError("address", error);
            Response.StatusCode = 400;
            ViewData["Title"] = "Email";
            return View("~/Views/EmailAdmin/Index.cshtml", new OutboxPageModel(await _monitor.SummaryAsync(), _options.MaxAttempts, _options.Mode, address, error));
        }

        var rendered = await _renderer.RenderAsync(TestEmail.TemplateName, new Dictionary<string, object?>
        {
            ["sent_by"] = CurrentUserName ?? "a member of staff",
            ["sent_at"] = UkTime.Format(_clock.GetUtcNow().UtcDateTime),
        });
        await _outbox.EnqueueAsync(new Models.EmailMessage(recipient.Value, rendered.Subject, rendered.TextBody, TestEmail.Category));
        await _audit.WriteAsync("email.test-queued", "Email", null, "Queued a test email");
        Notice("The test email is queued. It should arrive within a few minutes; if it cannot be sent it will show under Failed on this page");
        return Redirect("/admin/email");
    }

    [HttpPost("{id}/retry")]
    public async Task<IActionResult> Retry(string id)
    {
        if (!Guid.TryParse(id, out var guid))
        {
            return NotFound();
        }

        Notice(await _monitor.RetryAsync(guid) ? "The email will be sent again in the next few seconds" : "That email is no longer waiting to be tried again");
        return Redirect("/admin/email");
    }

    [HttpPost("retry-failed")]
    public async Task<IActionResult> RetryAll()
    {
        var count = await _monitor.RetryAllFailedAsync();
        Notice(count switch
        {
            0 => "There were no failed emails to try again",
            1 => "1 email will be sent again in the next few seconds",
            _ => $"{count} emails will be sent again in the next few seconds",
        });
        return Redirect("/admin/email");
    }

    [HttpGet("templates")]
    public async Task<IActionResult> Templates()
    {
        ViewData["Title"] = "Email templates";
        return View("~/Views/EmailAdmin/Templates.cshtml", await _templates.ListAsync());
    }

    [HttpGet("templates/{name}")]
    public async Task<IActionResult> Edit(string name)
    {
        var current = await _templates.GetAsync(name);
        if (current is null)
        {
            return NotFound();
        }

        var preview = await _renderer.RenderAsync(current.Definition, current.Subject, current.Body, EmailTemplateStore.SampleValues(current.Definition));
        return EditView(new EditTemplateModel(current, current.Subject, current.Body, [], preview, PreviewOfUnsaved: false));
    }

    [HttpPost("templates/{name}")]
    public async Task<IActionResult> Save(string name, string? subject, string? body, string? submit)
    {
        var current = await _templates.GetAsync(name);
        if (current is null)
        {
            return NotFound();
        }

        if (submit == "preview")
        {
            var problems = _templates.Check(current.Definition, subject?.Trim(), body);
            var preview = problems.Count == 0 ? await _renderer.RenderAsync(current.Definition, subject!.Trim(), body!, EmailTemplateStore.SampleValues(current.Definition)) : null;
            return EditView(new EditTemplateModel(current, subject ?? "", body ?? "", problems, preview, PreviewOfUnsaved: true));
        }

        var saveProblems = await _templates.SaveAsync(current.Definition, subject, body, CurrentUserName);
        if (saveProblems.Count > 0)
        {
            return EditView(new EditTemplateModel(current, subject ?? "", body ?? "", saveProblems, null, PreviewOfUnsaved: true));
        }

        Notice($"The template \u2018{current.Definition.Title}\u2019 was saved");
        return Redirect("/admin/email/templates/" + Uri.EscapeDataString(name));
    }

    [HttpPost("templates/{name}/restore")]
    public async Task<IActionResult> Restore(string name)
    {
        var definition = _templates.Find(name);
        if (definition is null)
        {
            return NotFound();
        }

        Notice(await _templates.RestoreDefaultAsync(definition)
            ? $"The template \u2018{definition.Title}\u2019 is back to its default"
            : $"The template \u2018{definition.Title}\u2019 was already the default");
        return Redirect("/admin/email/templates/" + Uri.EscapeDataString(name));
    }

    private ViewResult EditView(EditTemplateModel model)
    {
        foreach (var problem in model.Problems)
        {
            ModelState.AddModelError(problem.Field, problem.Message);
        }

        if (model.Problems.Count > 0)
        {
            Response.StatusCode = 400;
        }

        ViewData["Title"] = "Edit email template: " + model.Current.Definition.Title;
        return View("~/Views/EmailAdmin/Edit.cshtml", model);
    }
}

public sealed record OutboxPageModel(OutboxSummary Summary, int MaxAttempts, EmailDeliveryMode Mode, string? TestAddress, string? TestError);

public sealed record EditTemplateModel(CurrentTemplate Current, string Subject, string Body, IReadOnlyList<TemplateProblem> Problems, RenderedEmail? Preview, bool PreviewOfUnsaved)
{
    public string? ErrorFor(string field)
    {
        var messages = Problems.Where(p => p.Field == field).Select(p => p.Message).ToList();
        return messages.Count == 0 ? null : string.Join(". ", messages);
    }
}
