namespace SaferBcp.Referrals.Services;

/// <summary>Configuration section "Referrals".</summary>
public sealed class ReferralOptions
{
    /// <summary>
    /// Risk indicators answered yes at or above which a referral is urgent, unless staff set another number in
    /// the back office. 3 of the short checklist: the DASH checklist, which the questions are based on, treats a
    /// cluster of "yes" answers as the signal to act quickly, and 3 of 6 is half of ours.
    /// </summary>
    public int UrgentRiskThreshold { get; set; } = 3;

    /// <summary>How often the retention job runs.</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromDays(1);
}
