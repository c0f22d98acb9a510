using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SaferBcp.Email.Models;
using SaferBcp.Email.Services;
using SaferBcp.Testing;
using SmtpServer.Protocol;

namespace SaferBcp.Email.Tests;

/// <summary>What email leaves in plaintext, and for how long: TLS required unless None is chosen, pickup files and failed messages deleted.</summary>
public sealed class EmailSecurityTests
{
    private static Dictionary<string, string> Smtp(LoopbackSmtpServer server, string security, params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string>(server.Settings) { ["Email:Smtp:Security"] = security };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    [Theory]
    [InlineData("Auto")]
    [InlineData("StartTls")]
    public async Task A_server_without_STARTTLS_never_receives_the_message_unless_None_is_chosen(string security)
    {
        await using var smtp = await LoopbackSmtpServer.StartNewAsync();
        await using var harness = await EmailHarness.CreateAsync(Smtp(smtp, security));
        await harness.EnqueueAsync(EmailHarness.Message(1, "safe-address@example.org"));

        Assert.Equal(1, await harness.DispatchAsync());

        await Task.Delay(500);
        Assert.Empty(smtp.Messages);
        var row = Assert.Single(await harness.RowsAsync());
        Assert.Equal(OutboxStatus.Pending, row.Status);
        Assert.Contains("STARTTLS", row.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_server_receives_the_message_when_None_is_chosen_explicitly()
    {
        await using var smtp = await LoopbackSmtpServer.StartNewAsync();
        await using var harness = await EmailHarness.CreateAsync(Smtp(smtp, "None"));
        await harness.EnqueueAsync(EmailHarness.Message(1));

        Assert.Equal(1, await harness.DispatchAsync());

        Assert.Equal("Referral 1", Assert.Single(await smtp.WaitForMessagesAsync(1)).Subject);
    }

    [Fact]
    public void Security_is_Auto_by_default_and_Auto_means_TLS_on_connect_for_port_465_and_required_STARTTLS_otherwise()
    {
        var options = new SmtpOptions();
        Assert.Equal(SmtpSecurity.Auto, options.Security);
        Assert.Equal(MailKit.Security.SecureSocketOptions.StartTls, SmtpMailTransport.SocketOptionsFor(options));
        Assert.Equal(MailKit.Security.SecureSocketOptions.SslOnConnect, SmtpMailTransport.SocketOptionsFor(new SmtpOptions { Port = 465 }));
    }

    [Fact]
    public async Task Pickup_files_are_deleted_once_older_than_KeepSentFor_which_is_seven_days_by_default()
    {
        await using var harness = await EmailHarness.CreateAsync();
        await harness.EnqueueAsync(EmailHarness.Message(1), EmailHarness.Message(2));
        Assert.Equal(2, await harness.DispatchAsync());
        var files = Directory.GetFiles(Path.Combine(harness.Folder, "mail-pickup")).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(2, files.Length);

        var now = harness.Clock.GetUtcNow().UtcDateTime;
        File.SetLastWriteTimeUtc(files[0], now - TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        File.SetLastWriteTimeUtc(files[1], now - TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));

        await using (var scope = harness.Scope())
        {
            Assert.Equal(1, scope.ServiceProvider.GetRequiredService<PickupFolderRetention>().DeleteExpired());
        }

        Assert.False(File.Exists(files[0]));
        Assert.True(File.Exists(files[1]));
    }

    [Fact]
    public async Task The_cleanup_job_runs_on_its_own_and_warns_at_start_that_Pickup_mode_is_for_development_only()
    {
        var logs = new FakeLogCollector();
        await using var harness = await EmailHarness.CreateAsync(configure: s => s.AddSingleton<ILoggerProvider>(new FakeLoggerProvider(logs)));
        await harness.EnqueueAsync(EmailHarness.Message(1));
        Assert.Equal(1, await harness.DispatchAsync());
        var file = Assert.Single(Directory.GetFiles(Path.Combine(harness.Folder, "mail-pickup")));
        File.SetLastWriteTimeUtc(file, harness.Clock.GetUtcNow().UtcDateTime - TimeSpan.FromDays(8));

        var job = harness.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<PickupFolderCleanupJob>().Single();
        await job.StartAsync(CancellationToken.None);
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (File.Exists(file) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
        finally
        {
            await job.StopAsync(CancellationToken.None);
        }

        Assert.False(File.Exists(file));
        Assert.Contains(logs.GetSnapshot(), e => e.Level == LogLevel.Warning && e.Message.Contains("Pickup, which is for development only", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Failed_messages_are_deleted_once_older_than_KeepFailedFor_which_is_thirty_days_by_default()
    {
        await using var smtp = await LoopbackSmtpServer.StartNewAsync();
        smtp.RefuseWith = SmtpReplyCode.TransactionFailed;
        await using var harness = await EmailHarness.CreateAsync(Smtp(smtp, "None", ("Email:MaxAttempts", "1")));
        await harness.EnqueueAsync(EmailHarness.Message(1));
        Assert.Equal(1, await harness.DispatchAsync());
        harness.Clock.Advance(TimeSpan.FromDays(10));
        await harness.EnqueueAsync(EmailHarness.Message(2));
        Assert.Equal(1, await harness.DispatchAsync());
        Assert.All(await harness.RowsAsync(), r => Assert.Equal(OutboxStatus.Failed, r.Status));

        harness.Clock.Advance(TimeSpan.FromDays(20) + TimeSpan.FromMinutes(1));
        await using (var scope = harness.Scope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DeleteOldFailedAsync(CancellationToken.None));
        }

        var left = Assert.Single(await harness.RowsAsync());
        Assert.Equal(OutboxStatus.Failed, left.Status);
        Assert.Equal(harness.Clock.GetUtcNow().UtcDateTime - TimeSpan.FromDays(20) - TimeSpan.FromMinutes(1), left.CreatedUtc, TimeSpan.FromSeconds(1));
    }
}
