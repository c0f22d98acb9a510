using SaferBcp.Cms.Security;

namespace SaferBcp.Email;

public static class Permissions
{
    public const string ManageEmail = "ManageEmail";

    public static readonly Permission[] All =
    [
        new(ManageEmail, "See queued and failed emails, send failed ones again and edit email templates", "Email"),
    ];
}
