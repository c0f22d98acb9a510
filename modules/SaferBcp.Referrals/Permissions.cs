using SaferBcp.Cms.Security;

namespace SaferBcp.Referrals;

public static class Permissions
{
    public const string ViewReferrals = "ViewReferrals";
    public const string ManageReferralRouting = "ManageReferralRouting";

    /// <summary>Also needs two-factor authentication (<see cref="Services.ReferralFormGuard"/>). Administrators hold it.</summary>
    public const string ManageReferralForms = "ManageReferralForms";

    public static readonly Permission[] All =
    [
        new(ViewReferrals, "Open the referral inbox: only the referrals sent to your own teams", "Referrals"),
        new(ManageReferralRouting, "Edit referral teams, routing rules and retention (does not open referrals)", "Referrals"),
        new(ManageReferralForms, "Change referral forms' questions, risk indicators, kind and address (needs two-factor authentication)", "Referrals"),
    ];
}
