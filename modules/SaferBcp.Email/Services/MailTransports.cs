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
                var security = _options.Security switch
                {
                    SmtpSecurity.None => SecureSocketOptions.None,
                    SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
                    SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                    _ => SecureSocketOptions.Auto,
                };
                await _client.ConnectAsync(_options.Host ?? throw new InvalidOperationException("Email:Smtp:Host is not set"), _options.Port, security, cancellationToken);
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
        Folder = options.Value.PickupFolder is { Length: > 0 } configured ? Path.GetFullPath(configured) : paths.Folder("mail-pickup");
        Directory.CreateDirectory(Folder);
    }

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
