using SaferBcp.Referrals.Models;
using SaferBcp.Referrals.Services;

namespace SaferBcp.Referrals.Tests;

public sealed class ReferralRouterTests
{
    private static readonly Team DaTeam = new() { Id = 1, Name = "Domestic abuse team" };
    private static readonly Team PooleTeam = new() { Id = 2, Name = "Poole team" };
    private static readonly Team General = new() { Id = 3, Name = "Community safety team", IsDefault = true };
    private static readonly Team Children = new() { Id = 4, Name = "Children's safeguarding team", IsChildrenSafeguarding = true };

    private static RoutingTable Table(int threshold = 3, params RoutingRule[] rules) => new(rules, [DaTeam, PooleTeam, General, Children], threshold);

    private static ReferralFacts Facts(string? form = "domestic-abuse", Area? area = null, string? age = null, int risks = 0, bool? children = null) => new(form, area, age, risks, children);

    [Fact]
    public void First_matching_rule_wins_even_when_a_later_one_also_matches()
    {
        var table = Table(3,
            new RoutingRule { Id = 10, Order = 1, Name = "Poole", Areas = "Poole", TeamId = PooleTeam.Id },
            new RoutingRule { Id = 11, Order = 2, Name = "Domestic abuse", FormSlug = "domestic-abuse", TeamId = DaTeam.Id });

        var route = ReferralRouter.Route(Facts(area: Area.Poole), table);

        Assert.Equal(PooleTeam.Id, route.Team.Id);
        Assert.Equal(10, route.Rule!.Id);
        Assert.StartsWith("Rule 1 'Poole': area is Poole", route.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_are_tried_in_their_order_not_the_order_they_were_added()
    {
        var table = Table(3,
            new RoutingRule { Id = 10, Order = 2, Name = "Poole", Areas = "Poole", TeamId = PooleTeam.Id },
            new RoutingRule { Id = 11, Order = 1, Name = "Domestic abuse", FormSlug = "domestic-abuse", TeamId = DaTeam.Id });

        Assert.Equal(DaTeam.Id, ReferralRouter.Route(Facts(area: Area.Poole), table).Team.Id);
    }

    [Fact]
    public void No_matching_rule_goes_to_the_default_team_with_standard_priority()
    {
        var table = Table(3, new RoutingRule { Id = 10, Order = 1, Name = "Poole", Areas = "Poole", TeamId = PooleTeam.Id });

        var route = ReferralRouter.Route(Facts(area: Area.Bournemouth), table);

        Assert.Equal(General.Id, route.Team.Id);
        Assert.Null(route.Rule);
        Assert.Equal(ReferralPriority.Standard, route.Priority);
        Assert.Contains("No rule matched", route.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_condition_of_a_rule_must_hold()
    {
        var rule = new RoutingRule { Id = 10, Order = 1, Name = "Poole with children", Areas = "Poole", ChildrenInHousehold = true, AgeBands = "18-24;25-34", MinRiskIndicators = 2, FormSlug = "domestic-abuse", TeamId = PooleTeam.Id };

        Assert.NotNull(ReferralRouter.Explain(rule, Facts(area: Area.Poole, age: "25-34", risks: 2, children: true)));
        Assert.Null(ReferralRouter.Explain(rule, Facts(area: Area.Poole, age: "25-34", risks: 2, children: false)));
        Assert.Null(ReferralRouter.Explain(rule, Facts(area: Area.Poole, age: "35-44", risks: 2, children: true)));
        Assert.Null(ReferralRouter.Explain(rule, Facts(area: Area.Poole, age: "25-34", risks: 1, children: true)));
        Assert.Null(ReferralRouter.Explain(rule, Facts(area: Area.Christchurch, age: "25-34", risks: 2, children: true)));
        Assert.Null(ReferralRouter.Explain(rule, Facts(form: "up2u", area: Area.Poole, age: "25-34", risks: 2, children: true)));
        Assert.Null(ReferralRouter.Explain(rule, Facts(area: null, age: "25-34", risks: 2, children: true)));
    }

    [Theory]
    [InlineData(2, ReferralPriority.Standard)]
    [InlineData(3, ReferralPriority.Urgent)]
    [InlineData(6, ReferralPriority.Urgent)]
    public void Risk_indicators_at_or_above_the_threshold_make_it_urgent(int risks, ReferralPriority expected)
    {
        var table = Table(3, new RoutingRule { Id = 11, Order = 1, Name = "Domestic abuse", FormSlug = "domestic-abuse", TeamId = DaTeam.Id });

        var route = ReferralRouter.Route(Facts(risks: risks), table);

        Assert.Equal(expected, route.Priority);
        Assert.Equal(DaTeam.Id, route.Team.Id);
        if (expected == ReferralPriority.Urgent)
        {
            Assert.Contains($"{risks} risk indicators were answered yes (threshold 3)", route.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_rule_can_make_a_referral_urgent_and_its_reason_names_the_rule_and_the_answers()
    {
        var table = Table(3,
            new RoutingRule { Id = 10, Order = 1, Name = "Bournemouth", Areas = "Bournemouth", TeamId = DaTeam.Id },
            new RoutingRule { Id = 11, Order = 2, Name = "Poole, urgent", Areas = "Poole", MinRiskIndicators = 3, TeamId = PooleTeam.Id, Priority = ReferralPriority.Urgent });

        var route = ReferralRouter.Route(Facts(area: Area.Poole, risks: 4), table);

        Assert.Equal(ReferralPriority.Urgent, route.Priority);
        Assert.Equal("Rule 2 'Poole, urgent': area is Poole; 4 risk indicators (at least 3)", route.Reason);
    }

    [Theory]
    [InlineData("under-16", true)]
    [InlineData("16-17", true)]
    [InlineData("18-24", false)]
    [InlineData(null, false)]
    public void Under_18s_are_also_sent_to_the_childrens_safeguarding_team(string? age, bool copied)
    {
        var table = Table(3, new RoutingRule { Id = 11, Order = 1, Name = "Domestic abuse", FormSlug = "domestic-abuse", TeamId = DaTeam.Id });

        var route = ReferralRouter.Route(Facts(age: age), table);

        Assert.Equal(DaTeam.Id, route.Team.Id);
        Assert.Equal(copied ? Children.Id : null, route.CopyTeam?.Id);
    }

    [Fact]
    public void An_under_18_referral_already_going_to_the_childrens_team_is_not_copied_to_it_again()
    {
        var table = Table(3, new RoutingRule { Id = 11, Order = 1, Name = "Exploitation", FormSlug = "young-person-exploitation", TeamId = Children.Id });

        var route = ReferralRouter.Route(Facts(form: "young-person-exploitation", age: "under-16"), table);

        Assert.Equal(Children.Id, route.Team.Id);
        Assert.Null(route.CopyTeam);
    }

    [Fact]
    public void A_rule_pointing_at_a_deleted_team_is_skipped()
    {
        var table = Table(3, new RoutingRule { Id = 11, Order = 1, Name = "Gone", TeamId = 99 });

        Assert.Equal(General.Id, ReferralRouter.Route(Facts(), table).Team.Id);
    }
}
