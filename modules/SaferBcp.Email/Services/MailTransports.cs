using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using SaferBcp.Cms.Data;

namespace SaferBcp.Email.Services;

/// <summary>Where messages go: an SMTP server or a pickup folder. A session is one batch (one SMTP connection).</summary>
public interface IMailTransport
{
    IMailSession OpenSession();
}

public interface IMailSession : IAsyncDisposable
{
    /// <summary>Returns once the message is accepted (by the server, or written whole to the folder).</summary>
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

public sealed class SmtpMailTransport : IMailTransport
{
    /// <summary>
    /// Auto means TLS, always: on connect for port 465, otherwise STARTTLS, required. (MailKit's own Auto falls back
    /// to plaintext when the server, or someone between, leaves STARTTLS out of its answer: a downgrade.) Plaintext
    /// only when Email:Smtp:Security is None, chosen explicitly.
    /// </summary>
    public static SecureSocketOptions SocketOptionsFor(SmtpOptions options) => options.Security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => options.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls,
    };

    private readonly SmtpOptions _options;

    public SmtpMailTransport(IOptions<EmailOptions> options) => _options = options.Value.Smtp;

    public IMailSession OpenSession() => new Session(_options);

    private sealed class Session : IMailSession
    {
        private readonly SmtpOptions _options;
        private readonly SmtpClient _client = new();

        public Session(SmtpOptions options)
        {
            _options = options;
            _client.Timeout = (int)options.Timeout.TotalMilliseconds;
        }

        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            if (!_client.IsConnected)
            {
                var host = _options.Host ?? throw new InvalidOperationException("Email:Smtp:Host is not set");
                try
                {
                    await _client.ConnectAsync(host, _options.Port, SocketOptionsFor(_options), cancellationToken);
                }
                catch (NotSupportedException)
                {
                    // MailKit's answer to a server that offers no STARTTLS when STARTTLS is required.
                    throw new SmtpTlsRequiredException(host, _options.Port);
                }

                if (!string.IsNullOrEmpty(_options.UserName))
                {
                    await _client.AuthenticateAsync(_options.UserName, _options.Password ?? "", cancellationToken);
                }
            }

            await _client.SendAsync(message, cancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (_client.IsConnected)
                {
                    await _client.DisconnectAsync(quit: true);
                }
            }
            catch (Exception)
            {
                // Every message of the session is already accepted or recorded as failed; a failed QUIT changes nothing.
            }

            _client.Dispose();
        }
    }
}

/// <summary>
/// Writes one .eml file per message, named after the outbox id (a retry overwrites the same file). The file is
/// written under a temporary name and then renamed, so whatever collects the folder never sees half a message.
/// </summary>
public sealed class PickupFolderTransport : IMailTransport
{
    public PickupFolderTransport(IOptions<EmailOptions> options, PortalDataPaths paths)
    {
        Folder = FolderFor(options.Value, paths);
        Directory.CreateDirectory(Folder);
    }

    public static string FolderFor(EmailOptions options, PortalDataPaths paths) =>
        options.PickupFolder is { Length: > 0 } configured ? Path.GetFullPath(configured) : paths.Folder("mail-pickup");

    public string Folder { get; }

    public IMailSession OpenSession() => new Session(Folder);

    private sealed class Session : IMailSession
    {
        private readonly string _folder;

        public Session(string folder) => _folder = folder;

        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            var name = MimeMessageFactory.FileNameFor(message);
            var temporary = Path.Combine(_folder, "." + name + ".tmp");
            await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 4096, useAsync: true))
            {
                await message.WriteToAsync(stream, cancellationToken);
                await stream.FlushAsync(cancellationToken);
            }

            File.Move(temporary, Path.Combine(_folder, name), overwrite: true);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>The mail server offers no STARTTLS, and Email:Smtp:Security (Auto or StartTls) requires TLS.</summary>
public sealed class SmtpTlsRequiredException : Exception
{
    public SmtpTlsRequiredException(string host, int port)
        : base($"The mail server {host}:{port} does not offer STARTTLS, so the email was not sent in plaintext. Use a server that offers TLS, or set Email:Smtp:Security to None only for a server on the same trusted network")
    {
    }
}
