using SaferBcp.Cms.Security;

namespace SaferBcp.SafePlaces;

public static class Permissions
{
    public const string ManageSafePlaces = "ManageSafePlaces";

    public static readonly Permission[] All =
    [
        new(ManageSafePlaces, "See which Safe Places need checking, import places and postcodes from CSV", "Safe Places"),
    ];
}
