using System.Net.Sockets;
using System.Security.Cryptography;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SaferBcp.Cms.Data;
using SaferBcp.Email.Models;

namespace SaferBcp.Email.Services;

/// <summary>
/// Sends one batch of due messages. Each message is claimed with a lease (an UPDATE that only succeeds while
/// nobody else holds it), the lease is renewed just before the send, and the message is marked sent as soon as
/// the server accepts it. A stop request is checked between messages only: a send in progress is never cut off,
/// and messages claimed but not yet sent are handed back at once.
/// </summary>
public sealed class OutboxDispatcher
{
    private readonly EmailDbContext _db;
    private readonly IMailTransport _transport;
    private readonly OutboxProtector _protector;
    private readonly EmailOptions _options;
    private readonly RetrySchedule _schedule;
    private readonly TimeProvider _clock;
    private readonly ILogger<OutboxDispatcher> _logger;
    private readonly string _nodeId;

    public OutboxDispatcher(EmailDbContext db, IMailTransport transport, OutboxProtector protector, IOptions<EmailOptions> options, IOptions<PortalOptions> portal, TimeProvider clock, ILogger<OutboxDispatcher> logger)
    {
        _db = db;
        _transport = transport;
        _protector = protector;
        _options = options.Value;
        _schedule = new RetrySchedule(_options.BackoffBase, _options.BackoffMax);
        _clock = clock;
        _logger = logger;
        _nodeId = portal.Value.NodeId;
    }

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    /// <summary>Returns how many messages were claimed (sent, failed or handed back).</summary>
    public async Task<int> RunOnceAsync(CancellationToken stoppingToken)
    {
        var now = Now;
        var due = await _db.OutboxMessages.AsNoTracking()
            .Where(m => (m.Status == OutboxStatus.Pending || m.Status == OutboxStatus.Sending) && m.NextAttemptUtc <= now && (m.LockedUntilUtc == null || m.LockedUntilUtc < now))
            .OrderBy(m => m.NextAttemptUtc)
            .Select(m => m.Id)
            .Take(Math.Max(1, _options.BatchSize))
            .ToListAsync(stoppingToken);
        if (due.Count == 0)
        {
            return 0;
        }

        var claim = $"{_nodeId}/{Guid.NewGuid():N}";
        var leaseEnd = now + _options.Lease;
        await _db.OutboxMessages
            .Where(m => due.Contains(m.Id) && (m.Status == OutboxStatus.Pending || m.Status == OutboxStatus.Sending) && (m.LockedUntilUtc == null || m.LockedUntilUtc < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Sending).SetProperty(m => m.LockedBy, claim).SetProperty(m => m.LockedUntilUtc, leaseEnd), stoppingToken);
        var claimed = await _db.OutboxMessages.AsNoTracking().Where(m => m.LockedBy == claim).OrderBy(m => m.NextAttemptUtc).ToListAsync(CancellationToken.None);

        try
        {
            await using var session = _transport.OpenSession();
            for (var i = 0; i < claimed.Count; i++)
            {
                if (stoppingToken.IsCancellationRequested)
                {
                    break;
                }

                var message = claimed[i];
                if (!await RenewLeaseAsync(message.Id, claim))
                {
                    continue;
                }

                MimeKit.MimeMessage mime;
                try
                {
                    mime = MimeMessageFactory.Create(message.Id, _protector.Unprotect(message.To), _protector.Unprotect(message.Subject), _protector.Unprotect(message.TextBody),
                        message.HtmlBody is null ? null : _protector.Unprotect(message.HtmlBody), message.CreatedUtc, _options);
                }
                catch (CryptographicException ex)
                {
                    // The key ring that encrypted it is gone: no retry can help.
                    await RecordFailureAsync(message, claim, ex, permanent: true);
                    continue;
                }

                try
                {
                    // Deliberately not the stopping token: a send the server may already have accepted is never abandoned half way.
                    await session.SendAsync(mime, CancellationToken.None);
                }
                catch (Exception ex)
                {
                    var permanent = ex is SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted } command && (int)command.StatusCode >= 500;
                    await RecordFailureAsync(message, claim, ex, permanent);
                    if (!IsAboutThisMessage(ex))
                    {
                        // The server is unreachable or refused the session: the rest of the batch would fail the same way.
                        for (var j = i + 1; j < claimed.Count; j++)
                        {
                            await RecordFailureAsync(claimed[j], claim, ex, permanent: false);
                        }

                        break;
                    }

                    continue;
                }

                await MarkSentAsync(message, claim);
            }
        }
        finally
        {
            await ReleaseAsync(claim);
        }

        return claimed.Count;
    }

    private static bool IsAboutThisMessage(Exception ex) =>
        ex is SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted };

    private async Task<bool> RenewLeaseAsync(Guid id, string claim)
    {
        var until = Now + _options.Lease;
        return await _db.OutboxMessages.Where(m => m.Id == id && m.LockedBy == claim && m.Status == OutboxStatus.Sending)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntilUtc, until), CancellationToken.None) == 1;
    }

    private async Task MarkSentAsync(OutboxMessage message, string claim)
    {
        var now = Now;
        var attempt = message.Attempts + 1;

        // Sent by id alone: it was delivered whoever holds the lease now. The content is erased; it is no longer needed.
        await _db.OutboxMessages.Where(m => m.Id == message.Id)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Sent)
                .SetProperty(m => m.SentUtc, now)
                .SetProperty(m => m.Attempts, attempt)
                .SetProperty(m => m.LastError, (string?)null)
                .SetProperty(m => m.To, "")
                .SetProperty(m => m.Subject, "")
                .SetProperty(m => m.TextBody, "")
                .SetProperty(m => m.HtmlBody, (string?)null)
                .SetProperty(m => m.LockedBy, (string?)null)
                .SetProperty(m => m.LockedUntilUtc, (DateTime?)null), CancellationToken.None);
        _logger.LogInformation("Email {MessageId} ({Category}) attempt {Attempt}: sent", message.Id, message.Category, attempt);
    }

    private async Task RecordFailureAsync(OutboxMessage message, string claim, Exception ex, bool permanent)
    {
        var attempt = message.Attempts + 1;
        var error = Describe(ex);
        var failed = permanent || attempt >= _options.MaxAttempts;
        var next = Now + (failed ? TimeSpan.Zero : _schedule.Delay(attempt, Random.Shared.NextDouble()));
        var status = failed ? OutboxStatus.Failed : OutboxStatus.Pending;
        await _db.OutboxMessages.Where(m => m.Id == message.Id && m.LockedBy == claim)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, status)
                .SetProperty(m => m.Attempts, attempt)
                .SetProperty(m => m.NextAttemptUtc, next)
                .SetProperty(m => m.LastError, error)
                .SetProperty(m => m.LockedBy, (string?)null)
                .SetProperty(m => m.LockedUntilUtc, (DateTime?)null), CancellationToken.None);
        if (failed)
        {
            _logger.LogError("Email {MessageId} ({Category}) attempt {Attempt}: failed for good ({Error})", message.Id, message.Category, attempt, error);
        }
        else
        {
            _logger.LogWarning("Email {MessageId} ({Category}) attempt {Attempt}: failed ({Error}), next try at {NextAttemptUtc:O}", message.Id, message.Category, attempt, error, next);
        }
    }

    /// <summary>Hands back messages claimed by this batch but not tried (the host is stopping), for any node to take at once.</summary>
    private Task<int> ReleaseAsync(string claim) =>
        _db.OutboxMessages.Where(m => m.LockedBy == claim && m.Status == OutboxStatus.Sending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Pending)
                .SetProperty(m => m.LockedBy, (string?)null)
                .SetProperty(m => m.LockedUntilUtc, (DateTime?)null), CancellationToken.None);

    /// <summary>The exception type and, for SMTP, the status code: never the message, which can quote an address.</summary>
    public static string Describe(Exception ex) => ex switch
    {
        SmtpCommandException smtp => $"{nameof(SmtpCommandException)}: {(int)smtp.StatusCode} {smtp.StatusCode} ({smtp.ErrorCode})",
        SmtpProtocolException => nameof(SmtpProtocolException),
        SocketException socket => $"{nameof(SocketException)}: {socket.SocketErrorCode}",
        SmtpTlsRequiredException => "The mail server offers no STARTTLS: not sent in plaintext (Email:Smtp:Security)",
        _ when ex.InnerException is SocketException inner => $"{ex.GetType().Name}: {nameof(SocketException)} {inner.SocketErrorCode}",
        _ => ex.GetType().Name,
    };

    /// <summary>Deletes sent messages older than Email:KeepSentFor.</summary>
    public Task<int> DeleteOldSentAsync(CancellationToken cancellationToken)
    {
        var before = Now - _options.KeepSentFor;
        return _db.OutboxMessages.Where(m => m.Status == OutboxStatus.Sent && m.SentUtc < before).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Deletes failed messages queued more than Email:KeepFailedFor ago.</summary>
    public Task<int> DeleteOldFailedAsync(CancellationToken cancellationToken)
    {
        var before = Now - _options.KeepFailedFor;
        return _db.OutboxMessages.Where(m => m.Status == OutboxStatus.Failed && m.CreatedUtc < before).ExecuteDeleteAsync(cancellationToken);
    }
}
