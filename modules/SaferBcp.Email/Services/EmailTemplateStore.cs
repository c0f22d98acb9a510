using Microsoft.EntityFrameworkCore;
using SaferBcp.Cms.Audit;
using SaferBcp.Email.Models;

namespace SaferBcp.Email.Services;

/// <summary>A template as it is in use now: the staff's saved version, or the declared default.</summary>
public sealed record CurrentTemplate(EmailTemplateDefinition Definition, string Subject, string Body, bool IsChanged, string? UpdatedBy, DateTime? UpdatedUtc);

/// <summary>The declared templates and the staff's saved versions of them. Every change is audited.</summary>
public sealed class EmailTemplateStore
{
    public const int MaxSubjectLength = 500;
    public const int MaxBodyLength = 20_000;

    private readonly EmailDbContext _db;
    private readonly IReadOnlyList<EmailTemplateDefinition> _definitions;
    private readonly LiquidTemplates _liquid;
    private readonly AuditLog _audit;
    private readonly TimeProvider _clock;

    public EmailTemplateStore(EmailDbContext db, IEnumerable<EmailTemplateDefinition> definitions, LiquidTemplates liquid, AuditLog audit, TimeProvider clock)
    {
        _db = db;
        _definitions = definitions.GroupBy(d => d.Name, StringComparer.Ordinal).Select(g => g.First()).OrderBy(d => d.Title, StringComparer.Ordinal).ToList();
        _liquid = liquid;
        _audit = audit;
        _clock = clock;
    }

    public IReadOnlyList<EmailTemplateDefinition> Definitions => _definitions;

    public EmailTemplateDefinition? Find(string name) => _definitions.FirstOrDefault(d => d.Name == name);

    public async Task<IReadOnlyList<CurrentTemplate>> ListAsync(CancellationToken cancellationToken = default)
    {
        var saved = await _db.Templates.AsNoTracking().ToDictionaryAsync(t => t.Name, StringComparer.Ordinal, cancellationToken);
        return _definitions.Select(d => Current(d, saved.GetValueOrDefault(d.Name))).ToList();
    }

    public async Task<CurrentTemplate?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        var definition = Find(name);
        if (definition is null)
        {
            return null;
        }

        var saved = await _db.Templates.AsNoTracking().FirstOrDefaultAsync(t => t.Name == name, cancellationToken);
        return Current(definition, saved);
    }

    public IReadOnlyList<TemplateProblem> Check(EmailTemplateDefinition definition, string? subject, string? body)
    {
        var problems = new List<TemplateProblem>();
        problems.AddRange(_liquid.Check("Subject", "subject", subject, definition.Variables));
        if (subject is { Length: > MaxSubjectLength })
        {
            problems.Add(new("Subject", $"The subject must be {MaxSubjectLength} characters or fewer"));
        }
        else if (subject is not null && subject.Contains('\n', StringComparison.Ordinal))
        {
            problems.Add(new("Subject", "The subject must be on one line"));
        }

        problems.AddRange(_liquid.Check("Body", "body", body, definition.Variables));
        if (body is { Length: > MaxBodyLength })
        {
            problems.Add(new("Body", $"The body must be {MaxBodyLength:N0} characters or fewer"));
        }

        return problems;
    }

    /// <summary>Saves the staff's version if it passes the checks; returns the problems otherwise.</summary>
    public async Task<IReadOnlyList<TemplateProblem>> SaveAsync(EmailTemplateDefinition definition, string? subject, string? body, string? userName, CancellationToken cancellationToken = default)
    {
        subject = subject?.Trim();
        body = body?.ReplaceLineEndings("\n");
        var problems = Check(definition, subject, body);
        if (problems.Count > 0)
        {
            return problems;
        }

        var row = await _db.Templates.FirstOrDefaultAsync(t => t.Name == definition.Name, cancellationToken);
        if (row is null)
        {
            row = new EmailTemplate { Name = definition.Name };
            _db.Templates.Add(row);
        }

        row.Subject = subject!;
        row.Body = body!;
        row.UpdatedBy = userName;
        row.UpdatedUtc = _clock.GetUtcNow().UtcDateTime;
        await _db.SaveChangesAsync(cancellationToken);
        await _audit.WriteAsync("email.template-saved", "EmailTemplate", definition.Name, $"Saved the email template \u2018{definition.Title}\u2019");
        return [];
    }

    /// <summary>Goes back to the declared default. Returns false when there was no saved version.</summary>
    public async Task<bool> RestoreDefaultAsync(EmailTemplateDefinition definition, CancellationToken cancellationToken = default)
    {
        var deleted = await _db.Templates.Where(t => t.Name == definition.Name).ExecuteDeleteAsync(cancellationToken);
        if (deleted > 0)
        {
            await _audit.WriteAsync("email.template-restored", "EmailTemplate", definition.Name, $"Restored the default email template \u2018{definition.Title}\u2019");
        }

        return deleted > 0;
    }

    /// <summary>The declared sample values, for the back office's preview.</summary>
    public static Dictionary<string, object?> SampleValues(EmailTemplateDefinition definition) =>
        definition.Variables.ToDictionary(v => v.Name, v => (object?)(v.Sample ?? $"[{v.Name}]"), StringComparer.Ordinal);

    private static CurrentTemplate Current(EmailTemplateDefinition definition, EmailTemplate? saved) =>
        saved is null
            ? new(definition, definition.DefaultSubject, definition.DefaultBody, false, null, null)
            : new(definition, saved.Subject, saved.Body, true, saved.UpdatedBy, saved.UpdatedUtc);
}
