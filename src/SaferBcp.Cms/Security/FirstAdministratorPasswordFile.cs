using Microsoft.Extensions.Logging;
using SaferBcp.Cms.Data;

namespace SaferBcp.Cms.Security;

/// <summary>
/// Where a generated first administrator password is handed over: a file in the data folder that only the service's
/// own account can read (mode 600), never the console or the logs, which journald and log shippers keep and copy.
/// The log names the file. It is deleted once that password is worthless: when it is changed (which the first
/// sign-in demands), or at the next start-up of any node that finds it changed.
/// </summary>
public sealed class FirstAdministratorPasswordFile
{
    public const string FileName = "first-administrator-password.txt";

    private readonly PortalDataPaths _paths;
    private readonly ILogger<FirstAdministratorPasswordFile> _logger;

    public FirstAdministratorPasswordFile(PortalDataPaths paths, ILogger<FirstAdministratorPasswordFile> logger)
    {
        _paths = paths;
        _logger = logger;
    }

    public string Path => System.IO.Path.Combine(_paths.DataFolder, FileName);

    public void Write(string userName, string password)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(Path, System.Text.Encoding.UTF8, options))
        {
            writer.WriteLine($"User name: {userName}");
            writer.WriteLine($"Password: {password}");
            writer.WriteLine("Sign in at /account/sign-in. You must choose a new password and set up two-factor authentication;");
            writer.WriteLine("this file is deleted when the password has been changed.");
        }

        if (!OperatingSystem.IsWindows())
        {
            // Also when the file was there already (UnixCreateMode applies only to new files).
            File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        _logger.LogWarning("The first administrator \"{UserName}\" gets a generated password, written to {PasswordFile} (readable by this service's account only). It is deleted once the password is changed at first sign-in", userName, Path);
    }

    /// <summary>The user name written in the file, or null when there is no file.</summary>
    public string? UserName()
    {
        if (!File.Exists(Path))
        {
            return null;
        }

        var first = File.ReadLines(Path).FirstOrDefault() ?? "";
        return first.StartsWith("User name: ", StringComparison.Ordinal) ? first["User name: ".Length..] : null;
    }

    public void Delete()
    {
        if (File.Exists(Path))
        {
            File.Delete(Path);
            _logger.LogInformation("The first administrator's password has been changed: {PasswordFile} deleted", Path);
        }
    }
}
