using Microsoft.Extensions.Logging;

namespace SaferBcp.Email.Services;

/// <summary>Renders the version of a template in use (staff's, else the default) as a subject line and a plain-text body.</summary>
public sealed class EmailTemplateRenderer : IEmailTemplateRenderer
{
    private readonly EmailTemplateStore _store;
    private readonly LiquidTemplates _liquid;
    private readonly ILogger<EmailTemplateRenderer> _logger;

    public EmailTemplateRenderer(EmailTemplateStore store, LiquidTemplates liquid, ILogger<EmailTemplateRenderer> logger)
    {
        _store = store;
        _liquid = liquid;
        _logger = logger;
    }

    public async Task<RenderedEmail> RenderAsync(string templateName, IReadOnlyDictionary<string, object?> variables, CancellationToken cancellationToken = default)
    {
        var current = await _store.GetAsync(templateName, cancellationToken)
            ?? throw new InvalidOperationException($"No email template called '{templateName}' is declared.");
        var (subject, body) = (current.Subject, current.Body);
        if (current.IsChanged && _store.Check(current.Definition, subject, body).Count > 0)
        {
            // Saved versions are checked when saved; this only happens if a later release dropped a variable they use.
            _logger.LogWarning("The saved email template {Template} no longer passes its checks; its default was used", templateName);
            (subject, body) = (current.Definition.DefaultSubject, current.Definition.DefaultBody);
        }

        return await RenderAsync(current.Definition, subject, body, variables);
    }

    public async Task<RenderedEmail> RenderAsync(Models.EmailTemplateDefinition definition, string subject, string body, IReadOnlyDictionary<string, object?> variables)
    {
        var renderedSubject = (await _liquid.RenderAsync(subject, variables, definition.Variables)).ReplaceLineEndings(" ").Trim();
        var renderedBody = await _liquid.RenderAsync(body, variables, definition.Variables);
        return new RenderedEmail(renderedSubject, renderedBody);
    }
}
