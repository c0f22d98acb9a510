namespace SaferBcp.Email.Models;

/// <summary>
/// A staff-editable email template a module declares (registered as a singleton). The defaults are used until
/// staff save their own version in the back office. Subject and body are Liquid (Fluid); only the listed
/// variables are available to them.
/// </summary>
public sealed record EmailTemplateDefinition(
    string Name,
    string Title,
    string DefaultSubject,
    string DefaultBody,
    IReadOnlyList<EmailTemplateVariable> Variables);

/// <param name="Sample">Shown in the back office's preview; "[name]" when not given.</param>
public sealed record EmailTemplateVariable(string Name, string Description, string? Sample = null);
