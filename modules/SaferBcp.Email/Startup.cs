using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SaferBcp.Cms.Admin;
using SaferBcp.Cms.Data;
using SaferBcp.Cms.Modules;
using SaferBcp.Email.Services;

namespace SaferBcp.Email;

/// <summary>
/// Email: an outbox table written in the caller's transaction, a background sender (MailKit SMTP with TLS required
/// unless Email:Smtp:Security is None, or by default a pickup folder of .eml files, for development only, emptied
/// after Email:KeepSentFor) that retries with backoff, marks messages failed after Email:MaxAttempts and deletes
/// failed ones after Email:KeepFailedFor,
/// Liquid templates staff can edit, and the back office's outbox, templates and dashboard panel.
/// Other modules declare templates as EmailTemplateDefinition singletons and use IEmailTemplateRenderer and IEmailOutbox.
/// </summary>
public sealed class Startup : ModuleStartup
{
    public override IEnumerable<Cms.Security.Permission> Permissions => SaferBcp.Email.Permissions.All;

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmailOptions>()
            .Bind(configuration.GetSection("Email"))
            .Validate(o => o.Mode != EmailDeliveryMode.Smtp || !string.IsNullOrWhiteSpace(o.Smtp.Host), "Email:Smtp:Host must be set when Email:Mode is Smtp")
            .Validate(o => o.MaxAttempts >= 1 && o.BatchSize >= 1, "Email:MaxAttempts and Email:BatchSize must be at least 1")
            .Validate(o => o.BackoffBase > TimeSpan.Zero && o.BackoffMax >= o.BackoffBase && o.PollInterval > TimeSpan.Zero && o.Lease > TimeSpan.Zero, "Email: the backoff, poll interval and lease must be positive")
            .Validate(o => MimeKit.MailboxAddress.TryParse(o.FromAddress, out _), "Email:FromAddress must be an email address")
            .Validate(o => o.KeepSentFor > TimeSpan.Zero && o.KeepFailedFor > TimeSpan.Zero, "Email:KeepSentFor and Email:KeepFailedFor must be positive")
            .ValidateOnStart();
        services.AddPortalDbContext<EmailDbContext>("Email");

        services.AddScoped<IEmailOutbox, EmailOutbox>();
        services.AddSingleton<OutboxProtector>();
        services.AddSingleton<IMailTransport>(provider => provider.GetRequiredService<IOptions<EmailOptions>>().Value.Mode == EmailDeliveryMode.Smtp
            ? ActivatorUtilities.CreateInstance<SmtpMailTransport>(provider)
            : ActivatorUtilities.CreateInstance<PickupFolderTransport>(provider));
        services.AddScoped<OutboxDispatcher>();
        services.AddHostedService<OutboxSender>();
        services.AddScoped<OutboxMonitor>();
        services.AddScoped<PickupFolderRetention>();
        services.AddHostedService<PickupFolderCleanupJob>();

        services.AddSingleton<LiquidTemplates>();
        services.AddScoped<EmailTemplateStore>();
        services.AddScoped<IEmailTemplateRenderer, EmailTemplateRenderer>();
        services.AddScoped<EmailTemplateRenderer>();
        services.AddSingleton(TestEmail.Template);

        services.AddScoped<IDashboardPanel, FailedEmailPanel>();
        services.AddSingleton(new AdminMenuItem("Email", "/admin/email", SaferBcp.Email.Permissions.ManageEmail, 70));
    }
}
