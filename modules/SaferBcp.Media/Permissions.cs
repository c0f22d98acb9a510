using SaferBcp.Cms.Security;

namespace SaferBcp.Media;

public static class Permissions
{
    public const string ManageMedia = "ManageMedia";

    public static readonly Permission[] All =
    [
        new(ManageMedia, "Upload and delete images and documents", "Content"),
    ];
}
