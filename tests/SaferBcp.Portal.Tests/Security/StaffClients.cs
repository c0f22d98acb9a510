using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Security;

namespace SaferBcp.Portal.Tests.Security;

public static class StaffClients
{
    /// <summary>
    /// A member of staff with an authenticator app set up, signed in through the password and two-factor pages (every
    /// back-office account is to have two-factor; it works the same whether or not the portal insists).
    /// </summary>
    public static async Task<HttpClient> SignedInAsync(PortalFactory portal, string userName, string role)
    {
        await portal.CreateStaffAsync(userName, role);
        string key;
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var user = (await users.FindByNameAsync(userName))!;
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
            key = (await users.GetAuthenticatorKeyAsync(user))!;
        }

        var client = portal.Browser();
        await ReferralPortal.SignInWithTwoFactorAsync(client, userName, key);
        return client;
    }
}
