namespace SaferBcp.Portal.Tests.Security;

public static class StaffClients
{
    /// <summary>
    /// A member of staff (with an authenticator app set up, as every back-office account must have), signed in through
    /// the password and two-factor pages.
    /// </summary>
    public static async Task<HttpClient> SignedInAsync(PortalFactory portal, string userName, string role)
    {
        await portal.CreateStaffAsync(userName, role);
        var client = portal.Browser();
        await PortalFactory.SignInAsync(client, userName, PortalFactory.StaffPassword);
        return client;
    }
}
