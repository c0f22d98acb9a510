using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace SaferBcp.Testing;

/// <summary>
/// A real SMTP server (the SmtpServer package) on a free loopback port, in the test process. It records every
/// message it accepts, can be stopped and started again on the same port (a mail server outage), can refuse
/// every message, and can wait before accepting each one (to stop a sender part way through a batch).
/// Point the portal at it with <see cref="Settings"/>.
/// </summary>
public sealed class LoopbackSmtpServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<MimeMessage> _messages = new();
    private readonly SemaphoreSlim _received = new(0);
    private CancellationTokenSource? _running;
    private Task? _serverTask;

    public LoopbackSmtpServer()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
    }

    public string Host => "127.0.0.1";

    public int Port { get; }

    public bool IsRunning => _running is not null;

    /// <summary>How long the server waits before accepting each message.</summary>
    public TimeSpan AcceptDelay { get; set; } = TimeSpan.Zero;

    /// <summary>When set, every message is refused with this reply (like 554 transaction failed).</summary>
    public SmtpReplyCode? RefuseWith { get; set; }

    /// <summary>Addresses refused at RCPT TO with 550 mailbox unavailable (a permanent failure).</summary>
    public ISet<string> RefusedRecipients { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The messages accepted so far, in order.</summary>
    public IReadOnlyList<MimeMessage> Messages => _messages.ToArray();

    /// <summary>Configuration that sends the portal's email here (Email:Mode=Smtp, no TLS).</summary>
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Email:Mode"] = "Smtp",
        ["Email:Smtp:Host"] = Host,
        ["Email:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Email:Smtp:Security"] = "None",
    };

    public static async Task<LoopbackSmtpServer> StartNewAsync()
    {
        var server = new LoopbackSmtpServer();
        await server.StartAsync();
        return server;
    }

    /// <summary>Starts listening (again) on <see cref="Port"/> and returns once connections are accepted.</summary>
    public async Task StartAsync()
    {
        if (_running is not null)
        {
            return;
        }

        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)).IsSecure(false))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new RecordingStore(this));
        services.Add(new RecipientFilter(this));
        _running = new CancellationTokenSource();
        var server = new SmtpServer.SmtpServer(options, services);
        _serverTask = server.StartAsync(_running.Token);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }
        }
    }

    /// <summary>Stops listening and drops open connections: clients see the server as down.</summary>
    public async Task StopAsync()
    {
        if (_running is null)
        {
            return;
        }

        await _running.CancelAsync();
        try
        {
            await _serverTask!;
        }
        catch (OperationCanceledException)
        {
        }

        _running.Dispose();
        _running = null;
    }

    /// <summary>Waits until at least <paramref name="count"/> messages have arrived in all; fails the test after the timeout.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForMessagesAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (_messages.Count < count)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"Expected {count} message(s) at the test SMTP server, got {_messages.Count}");
            }

            await _received.WaitAsync(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
        }

        return Messages;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _received.Dispose();
    }

    private sealed class RecipientFilter : MailboxFilter
    {
        private readonly LoopbackSmtpServer _owner;

        public RecipientFilter(LoopbackSmtpServer owner) => _owner = owner;

        public override Task<bool> CanDeliverToAsync(ISessionContext context, SmtpServer.Mail.IMailbox to, SmtpServer.Mail.IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(!_owner.RefusedRecipients.Contains(to.User + "@" + to.Host));
    }

    private sealed class RecordingStore : MessageStore
    {
        private readonly LoopbackSmtpServer _owner;

        public RecordingStore(LoopbackSmtpServer owner) => _owner = owner;

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (_owner.AcceptDelay > TimeSpan.Zero)
            {
                await Task.Delay(_owner.AcceptDelay, cancellationToken);
            }

            if (_owner.RefuseWith is { } code)
            {
                return new SmtpResponse(code, "Refused by the test server");
            }

            using var stream = new MemoryStream(buffer.ToArray());
            _owner._messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            _owner._received.Release();
            return SmtpResponse.Ok;
        }
    }
}
