using SaferBcp.Cms.Security;

namespace SaferBcp.Referrals;

public static class Permissions
{
    public const string ViewReferrals = "ViewReferrals";
    public const string ManageReferralRouting = "ManageReferralRouting";

    public static readonly Permission[] All =
    [
        new(ViewReferrals, "Open the referral inbox: only the referrals sent to your own teams", "Referrals"),
        new(ManageReferralRouting, "Edit referral teams, routing rules and retention (does not open referrals)", "Referrals"),
    ];
}
