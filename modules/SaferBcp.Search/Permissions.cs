using SaferBcp.Cms.Security;

namespace SaferBcp.Search;

public static class Permissions
{
    public const string ManageSearch = "ManageSearch";

    public static readonly Permission[] All =
    [
        new(ManageSearch, "See the search index and rebuild it", "Content"),
    ];
}
