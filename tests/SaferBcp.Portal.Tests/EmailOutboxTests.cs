using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SaferBcp.Email;
using SaferBcp.Email.Models;
using SaferBcp.Email.Services;
using SmtpServer.Protocol;

namespace SaferBcp.Portal.Tests;

/// <summary>The Email module in the whole portal: a real SMTP server on loopback, a real SQLite file, the real back office.</summary>
public sealed class EmailOutboxTests
{
    private static PortalFactory Portal(LoopbackSmtpServer? smtp = null)
    {
        var portal = new PortalFactory()
            .With("Email:PollInterval", "00:00:00.100")
            .With("Email:BackoffBase", "00:00:00.200")
            .With("Email:BackoffMax", "00:00:00.500");
        foreach (var (key, value) in smtp?.Settings ?? new Dictionary<string, string>())
        {
            portal.With(key, value);
        }

        return portal;
    }

    private static async Task QueueAsync(IServiceProvider services, EmailMessage message)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IEmailOutbox>().EnqueueAsync(message);
    }

    private static async Task<OutboxMessage> WaitForRowAsync(IServiceProvider services, Func<OutboxMessage, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using (var scope = services.CreateAsyncScope())
            {
                var rows = await scope.ServiceProvider.GetRequiredService<EmailDbContext>().OutboxMessages.AsNoTracking().ToListAsync();
                if (rows.FirstOrDefault(condition) is { } row)
                {
                    return row;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The outbox never reached the expected state");
            }

            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task A_message_queued_in_the_portal_arrives_at_the_mail_server()
    {
        await using var smtp = await LoopbackSmtpServer.StartNewAsync();
        using var portal = Portal(smtp);
        _ = portal.Server;

        await QueueAsync(portal.Services, new EmailMessage("outreach-team@example.org", "New referral DA-7K3P", "Reference DA-7K3P", "referral-team-notification"));

        var message = Assert.Single(await smtp.WaitForMessagesAsync(1));
        Assert.Equal("New referral DA-7K3P", message.Subject);
        Assert.Equal("outreach-team@example.org", message.To.Mailboxes.Single().Address);
        Assert.Equal("auto-generated", message.Headers["Auto-Submitted"]);
    }

    [Fact]
    public async Task When_the_mail_server_is_down_the_message_waits_and_is_delivered_once_it_is_back()
    {
        await using var smtp = new LoopbackSmtpServer();
        using var portal = Portal(smtp).With("Email:MaxAttempts", "1000");
        _ = portal.Server;

        await QueueAsync(portal.Services, new EmailMessage("outreach-team@example.org", "Waiting", "Body", "referral-team-notification"));
        await WaitForRowAsync(portal.Services, m => m.Attempts >= 2 && m.Status == OutboxStatus.Pending);
        using (var admin = portal.Browser())
        {
            await PortalFactory.SignInAsync(admin, PortalFactory.AdminUser, PortalFactory.AdminPassword);
            var outbox = await admin.GetStringAsync("/admin/email");
            var waiting = outbox[outbox.IndexOf("Waiting to be sent", StringComparison.Ordinal)..];
            Assert.Contains("referral-team-notification", waiting, StringComparison.Ordinal);
            Assert.Contains("SocketException: ConnectionRefused", waiting, StringComparison.Ordinal);
        }

        await smtp.StartAsync();

        Assert.Equal("Waiting", Assert.Single(await smtp.WaitForMessagesAsync(1)).Subject);
        await WaitForRowAsync(portal.Services, m => m.Status == OutboxStatus.Sent);
        await Task.Delay(500);
        Assert.Single(smtp.Messages);
    }

    [Fact]
    public async Task An_email_that_fails_every_try_shows_on_the_dashboard_and_staff_can_try_it_again()
    {
        await using var smtp = await LoopbackSmtpServer.StartNewAsync();
        smtp.RefuseWith = SmtpReplyCode.TransactionFailed;
        using var portal = Portal(smtp).With("Email:MaxAttempts", "2");
        using var admin = portal.Browser();
        await PortalFactory.SignInAsync(admin, PortalFactory.AdminUser, PortalFactory.AdminPassword);
        Assert.Contains("No emails have failed.", await admin.GetStringAsync("/admin"), StringComparison.Ordinal);

        await QueueAsync(portal.Services, new EmailMessage("private-person@example.org", "Secret subject line", "Secret body", "referral-acknowledgement"));
        var failed = await WaitForRowAsync(portal.Services, m => m.Status == OutboxStatus.Failed);
        Assert.Equal(2, failed.Attempts);

        var dashboard = await admin.GetStringAsync("/admin");
        Assert.Contains("1 email could not be sent.", dashboard, StringComparison.Ordinal);
        var outbox = await admin.GetStringAsync("/admin/email");
        Assert.Contains("referral-acknowledgement", outbox, StringComparison.Ordinal);
        Assert.Contains("SmtpCommandException: 554 TransactionFailed", outbox, StringComparison.Ordinal);
        Assert.DoesNotContain("private-person", outbox, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret", outbox, StringComparison.Ordinal);

        smtp.RefuseWith = null;
        using var retried = await PortalFactory.PostFormAsync(admin, "/admin/email", $"/admin/email/{failed.Id:N}/retry", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, retried.StatusCode);

        Assert.Equal("Secret subject line", Assert.Single(await smtp.WaitForMessagesAsync(1)).Subject);
        await WaitForRowAsync(portal.Services, m => m.Status == OutboxStatus.Sent);
        Assert.Contains("No emails have failed.", await admin.GetStringAsync("/admin"), StringComparison.Ordinal);
        Assert.Contains("email.retried", await admin.GetStringAsync("/admin/audit?activity=email.retried"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task By_default_each_email_is_written_to_the_pickup_folder_as_an_eml_file()
    {
        using var portal = Portal();
        _ = portal.Server;

        await QueueAsync(portal.Services, new EmailMessage("outreach-team@example.org", "Picked up", "Line one\nLine two", "referral-team-notification"));
        var row = await WaitForRowAsync(portal.Services, m => m.Status == OutboxStatus.Sent);

        var file = Path.Combine(portal.DataFolder, "mail-pickup", row.Id.ToString("N") + ".eml");
        var message = await MimeMessage.LoadAsync(file);
        Assert.Equal("Picked up", message.Subject);
        Assert.Equal("Line one\nLine two", message.TextBody?.ReplaceLineEndings("\n").Trim());
        Assert.Single(Directory.GetFiles(Path.Combine(portal.DataFolder, "mail-pickup")));
    }

    [Fact]
    public async Task Staff_edit_a_template_with_its_checks_a_preview_and_restore_the_default()
    {
        using var basePortal = Portal();
        using var portal = basePortal.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton(new EmailTemplateDefinition(
            "test-team-notification",
            "New referral for a team",
            "New referral {{ reference }}",
            "A new referral {{ reference }} is waiting.",
            [new EmailTemplateVariable("reference", "The referral's reference", "DA-7K3P")]))));
        using var admin = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await PortalFactory.SignInAsync(admin, PortalFactory.AdminUser, PortalFactory.AdminPassword);

        var list = await admin.GetStringAsync("/admin/email/templates");
        Assert.Contains("New referral for a team", list, StringComparison.Ordinal);
        var edit = await admin.GetStringAsync("/admin/email/templates/test-team-notification");
        Assert.Contains("The referral&#x27;s reference", edit, StringComparison.Ordinal);
        Assert.Contains("A new referral DA-7K3P is waiting.", edit, StringComparison.Ordinal);

        const string Page = "/admin/email/templates/test-team-notification";
        using var refused = await PortalFactory.PostFormAsync(admin, Page, Page, new Dictionary<string, string>
        {
            ["Subject"] = "Referral {{ reference }}",
            ["Body"] = "Hello\nThis is about {{ name }}",
            ["submit"] = "save",
        });
        var refusedHtml = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("<title>Error:", refusedHtml, StringComparison.Ordinal);
        Assert.Contains("Line 2 of the body: there is no variable called \u2018name\u2019", System.Net.WebUtility.HtmlDecode(refusedHtml), StringComparison.Ordinal);
        Assert.Contains("href=\"#Body\"", refusedHtml, StringComparison.Ordinal);

        using var broken = await PortalFactory.PostFormAsync(admin, Page, Page, new Dictionary<string, string>
        {
            ["Subject"] = "Referral {{ reference }}",
            ["Body"] = "Hello\n{% if reference %}\nno end",
            ["submit"] = "save",
        });
        Assert.Contains("Line 3 of the body: {% endif %} is missing", System.Net.WebUtility.HtmlDecode(await broken.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        using var preview = await PortalFactory.PostFormAsync(admin, Page, Page, new Dictionary<string, string>
        {
            ["Subject"] = "Referral {{ reference }} & more",
            ["Body"] = "Please look at {{ reference }}.",
            ["submit"] = "preview",
        });
        var previewHtml = System.Net.WebUtility.HtmlDecode(await preview.Content.ReadAsStringAsync());
        Assert.Contains("Preview of your changes (not saved)", previewHtml, StringComparison.Ordinal);
        Assert.Contains("Please look at DA-7K3P.", previewHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Changed by", previewHtml, StringComparison.Ordinal);

        using var saved = await PortalFactory.PostFormAsync(admin, Page, Page, new Dictionary<string, string>
        {
            ["Subject"] = "Referral {{ reference }}",
            ["Body"] = "Please look at {{ reference }}.",
            ["submit"] = "save",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var rendered = await scope.ServiceProvider.GetRequiredService<IEmailTemplateRenderer>().RenderAsync("test-team-notification", new Dictionary<string, object?> { ["reference"] = "ASB-1" });
            Assert.Equal(("Referral ASB-1", "Please look at ASB-1."), (rendered.Subject, rendered.TextBody));
        }

        Assert.Contains("Changed by admin", await admin.GetStringAsync(Page), StringComparison.Ordinal);
        using var restored = await PortalFactory.PostFormAsync(admin, Page, Page + "/restore", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        Assert.Contains("This is the default version.", await admin.GetStringAsync(Page), StringComparison.Ordinal);

        var audit = await admin.GetStringAsync("/admin/audit");
        Assert.Contains("email.template-saved", audit, StringComparison.Ordinal);
        Assert.Contains("email.template-restored", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_sends_a_test_email_to_check_the_mail_settings()
    {
        await using var smtp = await LoopbackSmtpServer.StartNewAsync();
        using var portal = Portal(smtp);
        using var admin = portal.Browser();
        await PortalFactory.SignInAsync(admin, PortalFactory.AdminUser, PortalFactory.AdminPassword);

        using var wrong = await PortalFactory.PostFormAsync(admin, "/admin/email", "/admin/email/test", new Dictionary<string, string> { ["address"] = "not-an-address" });
        var wrongHtml = await wrong.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("<title>Error:", wrongHtml, StringComparison.Ordinal);
        Assert.Contains("Enter an email address in the correct format, like name@example.org", wrongHtml, StringComparison.Ordinal);

        using var sent = await PortalFactory.PostFormAsync(admin, "/admin/email", "/admin/email/test", new Dictionary<string, string> { ["address"] = "it-team@example.org" });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);

        var message = Assert.Single(await smtp.WaitForMessagesAsync(1));
        Assert.Equal("Test email from the Safer BCP portal", message.Subject);
        Assert.Contains("sent by admin on 27 November 2026 at", message.TextBody, StringComparison.Ordinal);
        Assert.Equal("it-team@example.org", message.To.Mailboxes.Single().Address);
    }

    [Fact]
    public async Task Staff_without_the_email_permission_do_not_see_the_email_panel_or_pages()
    {
        using var portal = Portal();
        await portal.CreateStaffAsync("editor-email-test", "Editor");
        using var editor = portal.Browser();
        await PortalFactory.SignInAsync(editor, "editor-email-test", PortalFactory.StaffPassword);

        Assert.DoesNotContain("emails have failed", await editor.GetStringAsync("/admin"), StringComparison.Ordinal);
        using var page = await editor.GetAsync("/admin/email");
        Assert.Contains("/account/access-denied", page.Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}
