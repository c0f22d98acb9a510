using SaferBcp.Cms.Security;

namespace SaferBcp.Reach;

public static class Permissions
{
    public const string ViewReach = "ViewReach";

    public static readonly Permission[] All =
    [
        new(ViewReach, "See campaign reach: page views per day, referring websites and form starts, and export them", "Content"),
    ];
}
