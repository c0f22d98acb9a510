namespace SaferBcp.SafePlaces.Models;

/// <summary>The venue application form's slug (recipes/saferbcp.recipe.json) and where its button posts.</summary>
public static class VenueApplications
{
    public const string FormSlug = "safe-place";
    public const string DraftUrlTemplate = "/admin/safe-places/from-application/{reference}";
}
