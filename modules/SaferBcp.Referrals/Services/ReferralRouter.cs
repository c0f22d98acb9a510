using SaferBcp.Referrals.Models;

namespace SaferBcp.Referrals.Services;

/// <summary>The rules, teams and threshold routing works from.</summary>
public sealed record RoutingTable(IReadOnlyList<RoutingRule> Rules, IReadOnlyList<Team> Teams, int UrgentRiskThreshold)
{
    public Team? DefaultTeam => Teams.FirstOrDefault(t => t.IsDefault) ?? Teams.OrderBy(t => t.Id).FirstOrDefault();

    public Team? ChildrenTeam => Teams.FirstOrDefault(t => t.IsChildrenSafeguarding);

    public Team? Find(int id) => Teams.FirstOrDefault(t => t.Id == id);
}

/// <param name="CopyTeam">The children's safeguarding team when the referral is from or about someone under 18 (and it is not already the destination).</param>
public sealed record RouteDecision(Team Team, ReferralPriority Priority, RoutingRule? Rule, string Reason, Team? CopyTeam);

/// <summary>
/// Decides where a referral goes: rules in order, the first whose every condition holds wins, otherwise the
/// default team. Pure: the same facts and table always give the same route, so the back office's
/// "Where would this go?" tester shows exactly what a real referral would do.
/// </summary>
public static class ReferralRouter
{
    public static RouteDecision Route(ReferralFacts facts, RoutingTable table)
    {
        var ordered = table.Rules.OrderBy(r => r.Order).ThenBy(r => r.Id).ToList();
        var reasons = new List<string>();
        Team? team = null;
        RoutingRule? matched = null;
        for (var i = 0; i < ordered.Count; i++)
        {
            var rule = ordered[i];
            if (table.Find(rule.TeamId) is not { } ruleTeam || Explain(rule, facts) is not { } why)
            {
                continue;
            }

            matched = rule;
            team = ruleTeam;
            reasons.Add($"Rule {i + 1} '{rule.Name}': {why}");
            break;
        }

        if (team is null)
        {
            team = table.DefaultTeam ?? throw new InvalidOperationException("There is no team to send referrals to. Add a team in the back office.");
            reasons.Add($"No rule matched: sent to the default team, {team.Name}");
        }

        var priority = matched?.Priority ?? ReferralPriority.Standard;
        if (facts.RiskIndicators >= table.UrgentRiskThreshold && table.UrgentRiskThreshold > 0 && priority != ReferralPriority.Urgent)
        {
            priority = ReferralPriority.Urgent;
            reasons.Add($"urgent because {Count(facts.RiskIndicators)} were answered yes (threshold {table.UrgentRiskThreshold})");
        }

        Team? copy = null;
        if (facts.Under18 && table.ChildrenTeam is { } children && children.Id != team.Id)
        {
            copy = children;
            reasons.Add($"under 18 ({AgeBands.Label(facts.AgeBand!)}): {children.Name} told too");
        }

        return new RouteDecision(team, priority, matched, string.Join("; ", reasons), copy);
    }

    /// <summary>Why the rule matches the facts, or null when it does not.</summary>
    public static string? Explain(RoutingRule rule, ReferralFacts facts)
    {
        var parts = new List<string>();
        if (rule.FormSlug is { Length: > 0 } slug)
        {
            if (!string.Equals(slug, facts.FormSlug, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            parts.Add($"form is {slug}");
        }

        var areas = rule.AreaList;
        if (areas.Count > 0)
        {
            if (facts.Area is not { } area || !areas.Contains(area))
            {
                return null;
            }

            parts.Add($"area is {AreaNames.Label(area)}");
        }

        var bands = rule.AgeBandList;
        if (bands.Count > 0)
        {
            if (facts.AgeBand is not { } band || !bands.Contains(band, StringComparer.OrdinalIgnoreCase))
            {
                return null;
            }

            parts.Add($"age is {AgeBands.Label(band)}");
        }

        if (rule.MinRiskIndicators is { } min)
        {
            if (facts.RiskIndicators < min)
            {
                return null;
            }

            parts.Add($"{Count(facts.RiskIndicators)} (at least {min})");
        }

        if (rule.ChildrenInHousehold is { } children)
        {
            if (facts.ChildrenInHousehold != children)
            {
                return null;
            }

            parts.Add(children ? "children in the household" : "no children in the household");
        }

        return parts.Count == 0 ? "matches every referral" : string.Join("; ", parts);
    }

    private static string Count(int risks) => risks == 1 ? "1 risk indicator" : $"{risks} risk indicators";
}
