using SaferBcp.Cms.Security;

namespace SaferBcp.Review;

public static class Permissions
{
    public const string ReviewContent = "ReviewContent";

    public static readonly Permission[] All =
    [
        new(ReviewContent, "Review content that needs a second pair of eyes: approve it (publish) or send it back with comments", "Content"),
    ];
}
