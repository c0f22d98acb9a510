using Microsoft.Extensions.Logging.Testing;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SaferBcp.Cms.Security;

namespace SaferBcp.Portal.Tests;

/// <summary>A first run with no administrator password configured, as `dotnet run` on a new machine.</summary>
public sealed class FirstAdministratorTests
{
    [Fact]
    public async Task A_generated_password_goes_to_a_private_file_not_the_log_and_the_first_sign_in_sets_up_two_factor()
    {
        var logs = new FakeLogCollector();
        using var portal = new PortalFactory()
            .With("Portal:Admin:Password", null)
            .WithoutAdminTwoFactor()
            .WithServices(s => s.AddSingleton<ILoggerProvider>(new FakeLoggerProvider(logs)));
        using var admin = portal.Browser();

        var file = Path.Combine(portal.DataFolder, FirstAdministratorPasswordFile.FileName);
        Assert.True(File.Exists(file), "no password file in the data folder");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        var password = Regex.Match(await File.ReadAllTextAsync(file), "Password: (\\S+)").Groups[1].Value;
        Assert.True(password.Length >= 12);
        Assert.Contains(logs.GetSnapshot(), r => r.Message.Contains(file, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.GetSnapshot(), r => (r.Message + " " + r.Exception).Contains(password, StringComparison.Ordinal));

        await PortalFactory.SignInAsync(admin, PortalFactory.AdminUser, password);
        using (var first = await admin.GetAsync("/admin/users"))
        {
            Assert.Equal("/account/change-password", first.Headers.Location!.OriginalString);
        }

        using (var changed = await PortalFactory.PostFormAsync(admin, "/account/change-password", "/account/change-password", new Dictionary<string, string>
        {
            ["CurrentPassword"] = password,
            ["NewPassword"] = "Harbour-Lantern-Pier-77",
            ["ConfirmPassword"] = "Harbour-Lantern-Pier-77",
        }))
        {
            Assert.Equal("/account/two-factor?required=true", changed.Headers.Location!.OriginalString);
        }

        Assert.False(File.Exists(file), "the password file outlived the password");
        using (var blocked = await admin.GetAsync("/admin/users"))
        {
            Assert.Equal("/account/two-factor?required=true", blocked.Headers.Location!.OriginalString);
        }

        var (key, _) = await PortalFactory.SetUpTwoFactorAsync(admin);
        using (var users = await admin.GetAsync("/admin/users"))
        {
            Assert.Equal(HttpStatusCode.OK, users.StatusCode);
        }

        // From now on the administrator's sign-in asks for the code from that app.
        using var again = portal.Browser();
        using var passwordStep = await PortalFactory.PostFormAsync(again, "/account/sign-in", "/account/sign-in", new Dictionary<string, string>
        {
            ["UserName"] = PortalFactory.AdminUser,
            ["Password"] = "Harbour-Lantern-Pier-77",
        });
        Assert.StartsWith("/account/two-factor-sign-in", passwordStep.Headers.Location!.OriginalString, StringComparison.Ordinal);
        using var codeStep = await PortalFactory.PostFormAsync(again, "/account/two-factor-sign-in", "/account/two-factor-sign-in", new Dictionary<string, string>
        {
            ["Code"] = StaffAuthenticator.CodeNow(key),
        });
        Assert.Equal("/admin", codeStep.Headers.Location!.OriginalString);
    }
}
