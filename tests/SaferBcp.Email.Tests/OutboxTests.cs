using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SaferBcp.Cms.Data;
using SaferBcp.Email.Models;
using SaferBcp.Email.Services;
using SaferBcp.Testing;
using SmtpServer.Protocol;

namespace SaferBcp.Email.Tests;

/// <summary>The outbox and sender against a real SMTP server on loopback and a real SQLite file, on a fake clock.</summary>
public sealed class OutboxTests
{
    private static Dictionary<string, string> Smtp(LoopbackSmtpServer server, params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string>(server.Settings);
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    [Fact]
    public async Task A_queued_message_arrives_with_a_message_id_taken_from_the_outbox()
    {
        await using var smtp = await LoopbackSmtpServer.StartNewAsync();
        await using var harness = await EmailHarness.CreateAsync(Smtp(smtp, ("Email:FromAddress", "portal@saferbcp.example"), ("Email:FromName", "Safer BCP")));
        await harness.EnqueueAsync(new EmailMessage("team@example.org", "New referral DA-1", "Reference DA-1", "referral-team-notification"));

        Assert.Equal(1, await harness.DispatchAsync());

        var message = Assert.Single(await smtp.WaitForMessagesAsync(1));
        var row = Assert.Single(await harness.RowsAsync());
        Assert.Equal("New referral DA-1", message.Subject);
        Assert.Equal("Reference DA-1", message.TextBody?.Trim());
        Assert.Equal("team@example.org", message.To.Mailboxes.Single().Address);
        Assert.Equal("portal@saferbcp.example", message.From.Mailboxes.Single().Address);
        Assert.Equal($"{row.Id:N}@saferbcp.example", message.MessageId);
        Assert.Equal(OutboxStatus.Sent, row.Status);
        Assert.Equal(1, row.Attempts);
        Assert.Equal("", row.TextBody);
    }

    [Fact]
    public async Task A_message_queued_in_a_transaction_that_rolls_back_is_never_sent_and_one_that_commits_is()
    {
        await using var smtp = await LoopbackSmtpServer.StartNewAsync();
        await using var harness = await EmailHarness.CreateAsync(Smtp(smtp));
        await using (var scope = harness.Scope())
        {
            var database = scope.ServiceProvider.GetRequiredService<PortalDatabase>();
            await using var transaction = await database.BeginTransactionAsync();
            await scope.ServiceProvider.GetRequiredService<SaferBcp.Cms.Audit.AuditLog>().WriteAsync("test.work", "Test", "1");
            await scope.ServiceProvider.GetRequiredService<IEmailOutbox>().EnqueueAsync(EmailHarness.Message(1));

            // No CommitAsync: the caller's work failed.
        }

        await using (var scope = harness.Scope())
        {
            var database = scope.ServiceProvider.GetRequiredService<PortalDatabase>();
            await using var transaction = await database.BeginTransactionAsync();
            await scope.ServiceProvider.GetRequiredService<IEmailOutbox>().EnqueueAsync(EmailHarness.Message(2));
            await transaction.CommitAsync();
        }

        Assert.Equal(1, await harness.DispatchAsync());
        Assert.Equal("Referral 2", Assert.Single(await smtp.WaitForMessagesAsync(1)).Subject);
        Assert.Single(await harness.RowsAsync());
        await using (var scope = harness.Scope())
        {
            Assert.False(await scope.ServiceProvider.GetRequiredService<CmsDbContext>().AuditEntries.AnyAsync(a => a.Action == "test.work"));
        }
    }

    [Fact]
    public async Task The_database_file_holds_neither_the_recipient_nor_the_text_of_a_queued_message()
    {
        await using var harness = await EmailHarness.CreateAsync();
        await harness.EnqueueAsync(new EmailMessage("alex.person@example.org", "Thank you for getting in touch", "We have your message", "referral-acknowledgement"));

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var bytes = await File.ReadAllBytesAsync(harness.DatabaseFile);
        var text = Encoding.UTF8.GetString(bytes) + Encoding.Unicode.GetString(bytes);
        Assert.DoesNotContain("alex.person", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Thank you for getting in touch", text, StringComparison.Ordinal);
        Assert.Contains("referral-acknowledgement", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_the_mail_server_is_down_the_message_is_kept_and_delivered_once_it_is_back()
    {
        await using var smtp = new LoopbackSmtpServer();
        await using var harness = await EmailHarness.CreateAsync(Smtp(smtp));
        await harness.EnqueueAsync(EmailHarness.Message(1), EmailHarness.Message(2));

        Assert.Equal(2, await harness.DispatchAsync());
        var waiting = await harness.RowsAsync();
        Assert.All(waiting, m =>
        {
            Assert.Equal(OutboxStatus.Pending, m.Status);
            Assert.Equal(1, m.Attempts);
            Assert.StartsWith("SocketException: ConnectionRefused", m.LastError, StringComparison.Ordinal);
            Assert.InRange(m.NextAttemptUtc, harness.Clock.GetUtcNow().UtcDateTime.AddSeconds(44), harness.Clock.GetUtcNow().UtcDateTime.AddMinutes(1));
        });

        await smtp.StartAsync();
        Assert.Equal(0, await harness.DispatchAsync());
        Assert.Empty(smtp.Messages);

        harness.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(2, await harness.DispatchAsync());
        var arrived = await smtp.WaitForMessagesAsync(2);
        Assert.Equal(["Referral 1", "Referral 2"], arrived.Select(m => m.Subject).Order());
        Assert.All(await harness.RowsAsync(), m => Assert.Equal((OutboxStatus.Sent, 2), (m.Status, m.Attempts)));
    }

    [Fact]
    public async Task A_message_is_marked_failed_after_the_configured_number_of_tries_with_growing_waits()
    {
        await using var smtp = await LoopbackSmtpServer.StartNewAsync();
        smtp.RefuseWith = SmtpReplyCode.TransactionFailed;
        await using var harness = await EmailHarness.CreateAsync(Smtp(smtp, ("Email:MaxAttempts", "4")));
        await harness.EnqueueAsync(EmailHarness.Message(1));

        var waits = new List<TimeSpan>();
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            Assert.Equal(1, await harness.DispatchAsync());
            var row = Assert.Single(await harness.RowsAsync());
            Assert.Equal(attempt, row.Attempts);
            if (attempt < 4)
            {
                Assert.Equal(OutboxStatus.Pending, row.Status);
                var wait = row.NextAttemptUtc - harness.Clock.GetUtcNow().UtcDateTime;
                waits.Add(wait);
                harness.Clock.Advance(wait);
            }
            else
            {
                Assert.Equal(OutboxStatus.Failed, row.Status);
                Assert.Equal("SmtpCommandException: 554 TransactionFailed (MessageNotAccepted)", row.LastError);
            }
        }

        Assert.InRange(waits[0], TimeSpan.FromSeconds(45), TimeSpan.FromMinutes(1));
        Assert.InRange(waits[1], TimeSpan.FromSeconds(90), TimeSpan.FromMinutes(2));
        Assert.InRange(waits[2], TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(4));

        harness.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await harness.DispatchAsync());
        Assert.Empty(smtp.Messages);
    }

    [Fact]
    public async Task A_recipient_the_server_refuses_for_good_fails_at_once_while_the_rest_of_the_batch_is_sent()
    {
        await using var smtp = await LoopbackSmtpServer.StartNewAsync();
        smtp.RefusedRecipients.Add("gone@example.org");
        await using var harness = await EmailHarness.CreateAsync(Smtp(smtp));
        await harness.EnqueueAsync(EmailHarness.Message(1, "gone@example.org"), EmailHarness.Message(2));

        Assert.Equal(2, await harness.DispatchAsync());

        Assert.Equal("Referral 2", Assert.Single(await smtp.WaitForMessagesAsync(1)).Subject);
        var rows = await harness.RowsAsync();
        Assert.Equal((OutboxStatus.Failed, 1, "SmtpCommandException: 550 MailboxUnavailable (RecipientNotAccepted)"), (rows[0].Status, rows[0].Attempts, rows[0].LastError));
        Assert.Equal(OutboxStatus.Sent, rows[1].Status);
    }

    [Fact]
    public async Task A_sender_stopped_half_way_through_a_batch_loses_nothing_and_sends_nothing_twice()
    {
        await using var smtp = await LoopbackSmtpServer.StartNewAsync();
        smtp.AcceptDelay = TimeSpan.FromMilliseconds(150);
        await using var harness = await EmailHarness.CreateAsync(Smtp(smtp, ("Email:BatchSize", "50")));
        await harness.EnqueueAsync(Enumerable.Range(1, 12).Select(n => EmailHarness.Message(n)).ToArray());

        var first = harness.NewSender();
        await first.StartAsync(CancellationToken.None);
        await smtp.WaitForMessagesAsync(3);
        await first.StopAsync(CancellationToken.None);
        first.Dispose();

        var sentBeforeRestart = smtp.Messages.Count;
        Assert.InRange(sentBeforeRestart, 3, 11);
        var rows = await harness.RowsAsync();
        Assert.Equal(sentBeforeRestart, rows.Count(m => m.Status == OutboxStatus.Sent));
        Assert.All(rows.Where(m => m.Status != OutboxStatus.Sent), m => Assert.Equal((OutboxStatus.Pending, 0, null), (m.Status, m.Attempts, m.LockedBy)));

        var second = harness.NewSender();
        await second.StartAsync(CancellationToken.None);
        var all = await smtp.WaitForMessagesAsync(12);
        await second.StopAsync(CancellationToken.None);
        second.Dispose();

        await Task.Delay(300);
        Assert.Equal(12, smtp.Messages.Count);
        Assert.Equal(Enumerable.Range(1, 12).Select(n => $"Referral {n}").Order(), all.Select(m => m.Subject).Order());
        Assert.Equal(12, all.Select(m => m.MessageId).Distinct().Count());
        Assert.All(await harness.RowsAsync(), m => Assert.Equal(OutboxStatus.Sent, m.Status));
    }

    [Fact]
    public async Task A_message_another_node_holds_is_left_alone_until_its_lease_runs_out()
    {
        await using var smtp = await LoopbackSmtpServer.StartNewAsync();
        await using var harness = await EmailHarness.CreateAsync(Smtp(smtp));
        await harness.EnqueueAsync(EmailHarness.Message(1));
        await using (var scope = harness.Scope())
        {
            var leaseEnd = harness.Clock.GetUtcNow().UtcDateTime.AddMinutes(5);
            await scope.ServiceProvider.GetRequiredService<EmailDbContext>().OutboxMessages.ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Sending).SetProperty(m => m.LockedBy, "other-node/crashed").SetProperty(m => m.LockedUntilUtc, leaseEnd));
        }

        Assert.Equal(0, await harness.DispatchAsync());
        harness.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await harness.DispatchAsync());

        Assert.Equal("Referral 1", Assert.Single(await smtp.WaitForMessagesAsync(1)).Subject);
        Assert.Equal(OutboxStatus.Sent, Assert.Single(await harness.RowsAsync()).Status);
    }

    [Fact]
    public async Task Pickup_mode_writes_one_complete_eml_file_per_message_that_MimeKit_can_read()
    {
        await using var harness = await EmailHarness.CreateAsync();
        await harness.EnqueueAsync(
            new EmailMessage("team@example.org", "Plain one", "Just text", "test"),
            new EmailMessage("other@example.org", "With HTML", "Text part", "test", "<p>HTML part</p>"));

        Assert.Equal(2, await harness.DispatchAsync());

        var folder = Path.Combine(harness.Folder, "mail-pickup");
        var files = Directory.GetFiles(folder);
        Assert.Equal(2, files.Length);
        Assert.All(files, f => Assert.EndsWith(".eml", f, StringComparison.Ordinal));
        var messages = files.Select(f => MimeMessage.Load(f)).OrderBy(m => m.Subject, StringComparer.Ordinal).ToList();
        Assert.Equal("Plain one", messages[0].Subject);
        Assert.Equal("Just text", messages[0].TextBody?.Trim());
        Assert.Equal("With HTML", messages[1].Subject);
        Assert.Equal("Text part", messages[1].TextBody?.Trim());
        Assert.Contains("HTML part", messages[1].HtmlBody ?? "", StringComparison.Ordinal);
        var rows = await harness.RowsAsync();
        Assert.Equal(rows.Select(r => r.Id.ToString("N") + ".eml").Order(), files.Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task An_address_that_is_not_one_valid_email_address_is_refused_when_queued()
    {
        await using var harness = await EmailHarness.CreateAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => harness.EnqueueAsync(new EmailMessage("not an address", "Subject", "Body", "test")));

        Assert.DoesNotContain("not an address", error.Message, StringComparison.Ordinal);
        Assert.Empty(await harness.RowsAsync());
    }
}
