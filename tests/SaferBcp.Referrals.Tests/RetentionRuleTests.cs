using SaferBcp.Referrals.Models;
using SaferBcp.Referrals.Services;

namespace SaferBcp.Referrals.Tests;

public sealed class RetentionRuleTests
{
    private static readonly DateTime Now = new(2026, 11, 27, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_closed_referral_is_deleted_once_its_retention_period_has_passed()
    {
        Assert.True(RetentionRule.IsDue(ReferralStatus.Closed, Now.AddDays(-365), 365, Now));
        Assert.True(RetentionRule.IsDue(ReferralStatus.Closed, Now.AddDays(-400), 365, Now));
    }

    [Fact]
    public void A_closed_referral_inside_its_period_is_kept()
    {
        Assert.False(RetentionRule.IsDue(ReferralStatus.Closed, Now.AddDays(-364), 365, Now));
        Assert.False(RetentionRule.IsDue(ReferralStatus.Closed, Now.AddDays(-29), 30, Now));
    }

    [Theory]
    [InlineData(ReferralStatus.New)]
    [InlineData(ReferralStatus.InProgress)]
    public void An_open_referral_is_never_deleted_however_old(ReferralStatus status)
    {
        Assert.False(RetentionRule.IsDue(status, Now.AddYears(-5), 365, Now));
        Assert.False(RetentionRule.IsDue(status, null, 365, Now));
    }
}
