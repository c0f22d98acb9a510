using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Data;
using SaferBcp.Cms.Security;
using SaferBcp.Email.Models;
using SaferBcp.Email.Services;
using SaferBcp.Forms.Models;
using SaferBcp.Forms.Services;
using SaferBcp.Referrals;
using SaferBcp.Referrals.Models;
using SaferBcp.Referrals.Services;

namespace SaferBcp.Portal.Tests;

/// <summary>
/// The real portal with the referral module, plus in-memory stand-ins for the email outbox and template
/// renderer, whose real implementations arrive with the Email module (the stand-ins live only in test code).
/// </summary>
public sealed partial class ReferralPortal : PortalFactory
{
    public RecordingOutbox Outbox { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IEmailOutbox>(Outbox);
            services.AddSingleton<IEmailTemplateRenderer, DefaultTemplateRenderer>();
        });
    }

    public async Task<int> TeamIdAsync(string name)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReferralsDbContext>().Teams.Where(t => t.Name == name).Select(t => t.Id).SingleAsync();
    }

    /// <summary>A ReferralOfficer with an authenticator app set up, in the given team; returns the authenticator key.</summary>
    public async Task<string> CreateOfficerAsync(string userName, string teamName)
    {
        await CreateStaffAsync(userName, PortalRoles.ReferralOfficer);
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByNameAsync(userName))!;
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        var db = scope.ServiceProvider.GetRequiredService<ReferralsDbContext>();
        var teamId = await db.Teams.Where(t => t.Name == teamName).Select(t => t.Id).SingleAsync();
        db.TeamMembers.Add(new TeamMember { TeamId = teamId, UserId = user.Id, UserName = userName });
        await db.SaveChangesAsync();
        return (await users.GetAuthenticatorKeyAsync(user))!;
    }

    /// <summary>Signs in through the real forms: password, then the code an authenticator app would show now.</summary>
    public static async Task SignInWithTwoFactorAsync(HttpClient client, string userName, string authenticatorKey)
    {
        var signIn = await client.GetStringAsync("/account/sign-in");
        using var first = await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = StaffPassword,
            ["__RequestVerificationToken"] = AntiforgeryToken(signIn),
        }));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Contains("two-factor-sign-in", first.Headers.Location!.ToString(), StringComparison.Ordinal);

        var page = await client.GetStringAsync("/account/two-factor-sign-in");
        var code = new Totp(Base32Encoding.ToBytes(authenticatorKey)).ComputeTotp();
        using var second = await client.PostAsync("/account/two-factor-sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Code"] = code,
            ["__RequestVerificationToken"] = AntiforgeryToken(page),
        }));
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
    }

    /// <summary>Hands a finished form to the referral handler the way the forms engine does: inside a transaction it commits.</summary>
    public async Task<FormSubmissionResult> SubmitAsync(string formSlug, Dictionary<string, string> answers, string? submissionKey = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var content = provider.GetRequiredService<ContentManager>();
        var items = await content.Query().Where(c => c.Published && c.ContentType == "Form").ToListAsync();
        var item = items.Single(i => ReferralForms.Part(i)?.Slug == formSlug);
        var form = ReferralForms.Part(item)!;
        var formAnswers = new FormAnswers();
        foreach (var (id, value) in answers)
        {
            formAnswers.Set(id, value.Split('|'));
        }

        var handler = provider.GetServices<IFormSubmissionHandler>().Single(h => h.Kind == "referral");
        var database = provider.GetRequiredService<PortalDatabase>();
        await using var transaction = await database.BeginTransactionAsync();
        var result = await handler.SubmitAsync(new FormSubmission(item.ContentItemId, item.DisplayText, form, formAnswers, Clock.GetUtcNow().UtcDateTime, submissionKey ?? Guid.NewGuid().ToString("N")), CancellationToken.None);
        await transaction.CommitAsync();
        return result;
    }

    public static Dictionary<string, string> DomesticAbuseAnswers(string name = "Test Person", string phone = "07700 900123", string area = "poole", string age = "25-34", int risks = 0, string emailOk = "no", string? email = null)
    {
        var answers = new Dictionary<string, string>
        {
            ["in-danger"] = "no",
            ["name"] = name,
            ["area"] = area,
            ["age-band"] = age,
            ["children"] = "no",
            ["what-is-happening"] = "My partner checks my phone",
            ["safe-phone"] = phone,
            ["safe-voicemail"] = "no",
            ["safe-text"] = "yes",
            ["safe-email-ok"] = emailOk,
            ["safe-times"] = "Weekday mornings",
        };
        string[] risk = ["risk-injured", "risk-frightened", "risk-strangled", "risk-threatened-kill", "risk-getting-worse", "risk-separation"];
        for (var i = 0; i < risk.Length; i++)
        {
            answers[risk[i]] = i < risks ? "yes" : "no";
        }

        if (email is not null)
        {
            answers["safe-email"] = email;
        }

        return answers;
    }

    public static string Reference(string html) => ReferencePattern().Match(html).Value;

    [GeneratedRegex("SB-[2-9A-Z]{4}-[2-9A-Z]{2}")]
    private static partial Regex ReferencePattern();
}

/// <summary>Test stand-in for the Email module's outbox: keeps what was queued.</summary>
public sealed class RecordingOutbox : IEmailOutbox
{
    private readonly List<EmailMessage> _messages = [];

    public IReadOnlyList<EmailMessage> Messages
    {
        get
        {
            lock (_messages)
            {
                return [.. _messages];
            }
        }
    }

    public Task EnqueueAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        lock (_messages)
        {
            _messages.Add(message);
        }

        return Task.CompletedTask;
    }
}

/// <summary>Test stand-in for the Email module's renderer: the declared defaults, with {{ name }} replaced.</summary>
public sealed partial class DefaultTemplateRenderer : IEmailTemplateRenderer
{
    private readonly IEnumerable<EmailTemplateDefinition> _templates;

    public DefaultTemplateRenderer(IEnumerable<EmailTemplateDefinition> templates) => _templates = templates;

    public Task<RenderedEmail> RenderAsync(string templateName, IReadOnlyDictionary<string, object?> variables, CancellationToken cancellationToken = default)
    {
        var template = _templates.Single(t => t.Name == templateName);
        string Fill(string text) => Variable().Replace(text, m => variables.TryGetValue(m.Groups[1].Value, out var v) ? v?.ToString() ?? "" : "");
        return Task.FromResult(new RenderedEmail(Fill(template.DefaultSubject), Fill(template.DefaultBody)));
    }

    [GeneratedRegex(@"\{\{\s*([a-z_]+)\s*\}\}")]
    private static partial Regex Variable();
}
