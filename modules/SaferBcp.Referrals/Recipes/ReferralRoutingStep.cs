using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SaferBcp.Cms.Formats;
using SaferBcp.Cms.Recipes;
using SaferBcp.Referrals.Models;

namespace SaferBcp.Referrals.Services;

/// <summary>
/// { "name": "referral-routing", "urgentRiskThreshold": 3, "defaultTeam": "Domestic abuse team",
///   "teams": [ { "name": "…", "addresses": ["…"], "responseTime": "", "publicName": "", "childrenSafeguarding": false, "members": ["user name"] } ],
///   "rules": [ { "name": "…", "form": "slug or omitted for any", "areas": ["Poole"], "ageBands": ["16-17"], "minRiskIndicators": 3, "childrenInHousehold": true, "team": "…", "priority": "Urgent" } ],
///   "retention": [ { "form": "slug", "days": 365 } ] }.
/// Teams are matched by name, rules by name (their order is the order in the list); applying it twice changes nothing.
/// Members are staff user names that must already exist (a "users" step before this one).
/// </summary>
public sealed class ReferralRoutingStep : IRecipeStep
{
    private readonly ReferralsDbContext _db;
    private readonly Microsoft.AspNetCore.Identity.UserManager<Cms.Security.PortalUser> _users;

    public ReferralRoutingStep(ReferralsDbContext db, Microsoft.AspNetCore.Identity.UserManager<Cms.Security.PortalUser> users)
    {
        _db = db;
        _users = users;
    }

    public string Name => "referral-routing";

    public int Order => 60;

    public void Validate(JsonObject step, RecipeErrors errors)
    {
        var teamNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var teams = RecipeJson.Array(step, "teams", errors);
        for (var i = 0; teams is not null && i < teams.Count; i++)
        {
            var path = $"teams[{i}]";
            if (teams[i] is not JsonObject team)
            {
                errors.Add(path, "must be an object");
                continue;
            }

            if (RecipeJson.Text(team, "name", path, errors, maxLength: 200) is { } name && !teamNames.Add(name))
            {
                errors.Add($"{path}.name", $"\"{name}\" appears twice");
            }

            RecipeJson.Text(team, "responseTime", path, errors, required: false, maxLength: 200);
            RecipeJson.Text(team, "publicName", path, errors, required: false, maxLength: 200);
            RecipeJson.Bool(team, "childrenSafeguarding", path, errors, fallback: false);
            foreach (var (address, index) in Strings(team, "addresses", path, errors).Select((a, n) => (a, n)))
            {
                if (!EmailAddress.IsValid(address))
                {
                    errors.Add($"{path}.addresses[{index}]", $"\"{address}\" is not an email address");
                }
            }

            Strings(team, "members", path, errors, required: false);
        }

        if (step["defaultTeam"] is not JsonValue defaultValue || !defaultValue.TryGetValue<string>(out var defaultTeam) || string.IsNullOrWhiteSpace(defaultTeam))
        {
            errors.Add("defaultTeam", "is missing: name the team that receives referrals no rule matches");
        }
        else if (teams is not null && !teamNames.Contains(defaultTeam))
        {
            errors.Add("defaultTeam", $"\"{defaultTeam}\" is not one of the teams in this step");
        }

        if (step["urgentRiskThreshold"] is { } threshold && !(threshold is JsonValue v && v.TryGetValue<int>(out var n) && n is >= 1 and <= 50))
        {
            errors.Add("urgentRiskThreshold", "must be a whole number from 1 to 50");
        }

        var rules = RecipeJson.Array(step, "rules", errors, required: false);
        var ruleNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; rules is not null && i < rules.Count; i++)
        {
            var path = $"rules[{i}]";
            if (rules[i] is not JsonObject rule)
            {
                errors.Add(path, "must be an object");
                continue;
            }

            if (RecipeJson.Text(rule, "name", path, errors, maxLength: 200) is { } name && !ruleNames.Add(name))
            {
                errors.Add($"{path}.name", $"\"{name}\" appears twice");
            }

            RecipeJson.Text(rule, "form", path, errors, required: false, maxLength: 100);
            if (RecipeJson.Text(rule, "team", path, errors) is { } team && !teamNames.Contains(team))
            {
                errors.Add($"{path}.team", $"\"{team}\" is not one of the teams in this step");
            }

            if (RecipeJson.Text(rule, "priority", path, errors, required: false) is { } priority && !Enum.TryParse<ReferralPriority>(priority, true, out _))
            {
                errors.Add($"{path}.priority", "must be \"Urgent\" or \"Standard\"");
            }

            foreach (var (area, index) in Strings(rule, "areas", path, errors, required: false).Select((a, n) => (a, n)))
            {
                if (AreaNames.Parse(area) is null)
                {
                    errors.Add($"{path}.areas[{index}]", $"\"{area}\" is not an area. Use Bournemouth, Christchurch, Poole or OutsideBcp");
                }
            }

            foreach (var (band, index) in Strings(rule, "ageBands", path, errors, required: false).Select((a, n) => (a, n)))
            {
                if (!AgeBands.All.Contains(band))
                {
                    errors.Add($"{path}.ageBands[{index}]", $"\"{band}\" is not an age band. Use one of: {string.Join(", ", AgeBands.All)}");
                }
            }

            if (rule["minRiskIndicators"] is { } min && !(min is JsonValue mv && mv.TryGetValue<int>(out var m) && m is >= 0 and <= 50))
            {
                errors.Add($"{path}.minRiskIndicators", "must be a whole number from 0 to 50");
            }

            if (rule["childrenInHousehold"] is { } children && !(children is JsonValue cv && cv.TryGetValue<bool>(out _)))
            {
                errors.Add($"{path}.childrenInHousehold", "must be true or false");
            }
        }

        var retention = RecipeJson.Array(step, "retention", errors, required: false);
        for (var i = 0; retention is not null && i < retention.Count; i++)
        {
            var path = $"retention[{i}]";
            if (retention[i] is not JsonObject item)
            {
                errors.Add(path, "must be an object");
                continue;
            }

            RecipeJson.Text(item, "form", path, errors, maxLength: 100);
            if (!(item["days"] is JsonValue dv && dv.TryGetValue<int>(out var days) && days is >= 1 and <= 3650))
            {
                errors.Add($"{path}.days", "must be a whole number of days from 1 to 3650");
            }
        }
    }

    public async Task<int> ApplyAsync(JsonObject step, CancellationToken cancellationToken)
    {
        var changes = 0;
        var defaultTeam = step["defaultTeam"]!.GetValue<string>();
        var teams = await _db.Teams.Include(t => t.Members).ToListAsync(cancellationToken);
        foreach (var node in (JsonArray)step["teams"]!)
        {
            var json = (JsonObject)node!;
            var name = json["name"]!.GetValue<string>();
            var team = teams.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));
            if (team is null)
            {
                team = new Team { Name = name };
                teams.Add(team);
                _db.Teams.Add(team);
                changes++;
            }

            var addresses = string.Join(';', ((JsonArray)json["addresses"]!).Select(a => a!.GetValue<string>().Trim()));
            var responseTime = json["responseTime"]?.GetValue<string>().Trim() ?? "";
            var publicName = json["publicName"]?.GetValue<string>().Trim() ?? "";
            var children = json["childrenSafeguarding"]?.GetValue<bool>() ?? false;
            var isDefault = string.Equals(name, defaultTeam, StringComparison.OrdinalIgnoreCase);
            if (team.NotificationAddresses != addresses || team.ResponseTime != responseTime || team.PublicName != publicName || team.IsChildrenSafeguarding != children || team.IsDefault != isDefault)
            {
                (team.NotificationAddresses, team.ResponseTime, team.PublicName, team.IsChildrenSafeguarding, team.IsDefault) = (addresses, responseTime, publicName, children, isDefault);
                changes += team.Id == 0 ? 0 : 1;
            }

            foreach (var member in (json["members"] as JsonArray ?? []).Select(m => m!.GetValue<string>()))
            {
                var user = await _users.FindByNameAsync(member) ?? throw new RecipeStepException($"teams.members", $"There is no staff account \"{member}\". Add it with a \"users\" step first");
                if (team.Members.All(m => m.UserId != user.Id))
                {
                    team.Members.Add(new TeamMember { UserId = user.Id, UserName = user.UserName! });
                    changes++;
                }
            }
        }

        foreach (var other in teams.Where(t => t.IsDefault && !string.Equals(t.Name, defaultTeam, StringComparison.OrdinalIgnoreCase)))
        {
            other.IsDefault = false;
            changes++;
        }

        await _db.SaveChangesAsync(cancellationToken);

        var rules = await _db.Rules.ToListAsync(cancellationToken);
        var order = 0;
        foreach (var node in step["rules"] as JsonArray ?? [])
        {
            var json = (JsonObject)node!;
            order++;
            var name = json["name"]!.GetValue<string>();
            var teamId = teams.First(t => string.Equals(t.Name, json["team"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase)).Id;
            var wanted = new RoutingRule
            {
                Order = order,
                Name = name,
                FormSlug = json["form"]?.GetValue<string>() is { Length: > 0 } form ? form : null,
                Areas = RoutingRule.Join((json["areas"] as JsonArray ?? []).Select(a => AreaNames.Parse(a!.GetValue<string>())!.Value.ToString())),
                AgeBands = RoutingRule.Join((json["ageBands"] as JsonArray ?? []).Select(a => a!.GetValue<string>())),
                MinRiskIndicators = json["minRiskIndicators"]?.GetValue<int>(),
                ChildrenInHousehold = json["childrenInHousehold"]?.GetValue<bool>(),
                TeamId = teamId,
                Priority = Enum.Parse<ReferralPriority>(json["priority"]?.GetValue<string>() ?? nameof(ReferralPriority.Standard), true),
            };
            var rule = rules.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
            if (rule is null)
            {
                _db.Rules.Add(wanted);
                changes++;
            }
            else if ((rule.Order, rule.FormSlug, rule.Areas, rule.AgeBands, rule.MinRiskIndicators, rule.ChildrenInHousehold, rule.TeamId, rule.Priority) !=
                     (wanted.Order, wanted.FormSlug, wanted.Areas, wanted.AgeBands, wanted.MinRiskIndicators, wanted.ChildrenInHousehold, wanted.TeamId, wanted.Priority))
            {
                (rule.Order, rule.FormSlug, rule.Areas, rule.AgeBands, rule.MinRiskIndicators, rule.ChildrenInHousehold, rule.TeamId, rule.Priority) =
                    (wanted.Order, wanted.FormSlug, wanted.Areas, wanted.AgeBands, wanted.MinRiskIndicators, wanted.ChildrenInHousehold, wanted.TeamId, wanted.Priority);
                changes++;
            }
        }

        if (step["urgentRiskThreshold"]?.GetValue<int>() is { } threshold)
        {
            var settings = await _db.Settings.FirstOrDefaultAsync(cancellationToken);
            if (settings is null)
            {
                _db.Settings.Add(new ReferralSettings { UrgentRiskThreshold = threshold });
                changes++;
            }
            else if (settings.UrgentRiskThreshold != threshold)
            {
                settings.UrgentRiskThreshold = threshold;
                changes++;
            }
        }

        var retention = await _db.Retention.ToListAsync(cancellationToken);
        foreach (var node in step["retention"] as JsonArray ?? [])
        {
            var form = node!["form"]!.GetValue<string>();
            var days = node["days"]!.GetValue<int>();
            var row = retention.FirstOrDefault(r => r.FormSlug == form);
            if (row is null)
            {
                _db.Retention.Add(new FormRetention { FormSlug = form, RetentionDays = days });
                changes++;
            }
            else if (row.RetentionDays != days)
            {
                row.RetentionDays = days;
                changes++;
            }
        }

        await _db.SaveChangesAsync(cancellationToken);
        return changes;
    }

    public async Task<JsonObject?> ExportAsync(CancellationToken cancellationToken)
    {
        var teams = await _db.Teams.AsNoTracking().Include(t => t.Members).OrderBy(t => t.Name).ToListAsync(cancellationToken);
        if (teams.Count == 0)
        {
            return null;
        }

        var rules = await _db.Rules.AsNoTracking().OrderBy(r => r.Order).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        var settings = await _db.Settings.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        var retention = await _db.Retention.AsNoTracking().OrderBy(r => r.FormSlug).ToListAsync(cancellationToken);
        var step = new JsonObject
        {
            ["defaultTeam"] = (teams.FirstOrDefault(t => t.IsDefault) ?? teams[0]).Name,
            ["teams"] = new JsonArray(teams.Select(t => (JsonNode)new JsonObject
            {
                ["name"] = t.Name,
                ["addresses"] = new JsonArray(t.Addresses.Select(a => (JsonNode)JsonValue.Create(a)).ToArray()),
                ["responseTime"] = t.ResponseTime,
                ["publicName"] = t.PublicName,
                ["childrenSafeguarding"] = t.IsChildrenSafeguarding,
                ["members"] = new JsonArray(t.Members.Select(m => (JsonNode)JsonValue.Create(m.UserName)).ToArray()),
            }).ToArray()),
            ["rules"] = new JsonArray(rules.Select(r =>
            {
                var json = new JsonObject { ["name"] = r.Name };
                if (r.FormSlug is not null)
                {
                    json["form"] = r.FormSlug;
                }

                json["areas"] = new JsonArray(r.AreaList.Select(a => (JsonNode)JsonValue.Create(a.ToString())).ToArray());
                json["ageBands"] = new JsonArray(r.AgeBandList.Select(a => (JsonNode)JsonValue.Create(a)).ToArray());
                if (r.MinRiskIndicators is { } min)
                {
                    json["minRiskIndicators"] = min;
                }

                if (r.ChildrenInHousehold is { } children)
                {
                    json["childrenInHousehold"] = children;
                }

                json["team"] = teams.First(t => t.Id == r.TeamId).Name;
                json["priority"] = r.Priority.ToString();
                return (JsonNode)json;
            }).ToArray()),
            ["retention"] = new JsonArray(retention.Select(r => (JsonNode)new JsonObject { ["form"] = r.FormSlug, ["days"] = r.RetentionDays }).ToArray()),
        };
        if (settings?.UrgentRiskThreshold is { } threshold)
        {
            step["urgentRiskThreshold"] = threshold;
        }

        return step;
    }

    private static List<string> Strings(JsonObject obj, string field, string path, RecipeErrors errors, bool required = true)
    {
        var node = obj[field];
        if (node is null)
        {
            if (required)
            {
                errors.Add($"{path}.{field}", "is missing: it must be a list");
            }

            return [];
        }

        if (node is not JsonArray array)
        {
            errors.Add($"{path}.{field}", "must be a list");
            return [];
        }

        var list = new List<string>();
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonValue v && v.TryGetValue<string>(out var s) && s.Trim().Length > 0)
            {
                list.Add(s.Trim());
            }
            else
            {
                errors.Add($"{path}.{field}[{i}]", "must be text");
            }
        }

        return list;
    }
}
