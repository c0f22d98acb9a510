namespace SaferBcp.Referrals;

/// <summary>Site settings this module adds: facts about referrals only the partnership can decide.</summary>
public static class ReferralSiteSettings
{
    /// <summary>
    /// When a person may ask for an ASB case review (the Community Trigger), like "3 times in 6 months". The annual
    /// report gives no threshold, so pages state one only once staff have set it: "{{ AsbCaseReviewThreshold }}".
    /// </summary>
    public const string AsbCaseReviewThreshold = "AsbCaseReviewThreshold";

    public const string AsbCaseReviewThresholdLabel = "ASB case review threshold";

    public const string AsbCaseReviewThresholdHint =
        "How often anti-social behaviour must have been reported before someone can ask for a case review, as the partnership has agreed it, like '3 times in 6 months'. Pages show it where their text says {{ AsbCaseReviewThreshold }}. While this is empty, those sentences are left out";
}
