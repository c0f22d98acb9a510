using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SaferBcp.Cms.Audit;
using SaferBcp.Cms.Controllers;
using SaferBcp.Cms.Formats;
using SaferBcp.Cms.Security;
using SaferBcp.Referrals.Models;
using SaferBcp.Referrals.Services;

namespace SaferBcp.Referrals.Controllers;

/// <summary>
/// Teams, routing rules (in order), the default team, the urgent threshold, retention per form, and the
/// "Where would this go?" tester. Managing routing does not open any referral. Every change is audited.
/// </summary>
[Route("admin/referrals/routing")]
[Authorize(Policy = Permissions.ManageReferralRouting)]
public sealed class AdminRoutingController : AdminControllerBase
{
    private readonly ReferralsDbContext _db;
    private readonly RoutingStore _routing;
    private readonly ReferralForms _forms;
    private readonly UserManager<PortalUser> _users;
    private readonly AuditLog _audit;

    public AdminRoutingController(ReferralsDbContext db, RoutingStore routing, ReferralForms forms, UserManager<PortalUser> users, AuditLog audit)
    {
        _db = db;
        _routing = routing;
        _forms = forms;
        _users = users;
        _audit = audit;
    }

    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] TesterForm? test)
    {
        var table = await _routing.LoadAsync();
        var forms = await _forms.AllAsync();
        RouteDecision? decision = null;
        string? testError = null;
        if (test?.Run == true)
        {
            var facts = new ReferralFacts(string.IsNullOrEmpty(test.Form) ? null : test.Form, AreaNames.Parse(test.Area), AgeBands.All.Contains(test.AgeBand) ? test.AgeBand : null, Math.Clamp(test.Risks ?? 0, 0, 50), test.Children switch { "yes" => true, "no" => false, _ => null });
            try
            {
                decision = ReferralRouter.Route(facts, table);
            }
            catch (InvalidOperationException ex)
            {
                testError = ex.Message;
            }
        }

        var retention = await _db.Retention.AsNoTracking().ToDictionaryAsync(r => r.FormSlug, r => r.RetentionDays);
        var members = await _db.TeamMembers.AsNoTracking().ToListAsync();
        ViewData["Title"] = "Referral routing";
        return View("~/Views/AdminRouting/Index.cshtml", new RoutingIndexModel(table, forms, retention, members, test ?? new TesterForm(), decision, testError));
    }

    [HttpGet("teams/new")]
    public IActionResult NewTeam()
    {
        ViewData["Title"] = "Add a team";
        return View("~/Views/AdminRouting/Team.cshtml", new TeamEditModel(null, new TeamForm(), [], []));
    }

    [HttpGet("teams/{id:int}")]
    public async Task<IActionResult> EditTeam(int id)
    {
        var team = await _db.Teams.AsNoTracking().Include(t => t.Members).FirstOrDefaultAsync(t => t.Id == id);
        if (team is null)
        {
            return NotFound();
        }

        ViewData["Title"] = $"Edit {team.Name}";
        var form = new TeamForm { Name = team.Name, Addresses = string.Join('\n', team.Addresses), ResponseTime = team.ResponseTime, PublicName = team.PublicName, ChildrenSafeguarding = team.IsChildrenSafeguarding };
        return View("~/Views/AdminRouting/Team.cshtml", new TeamEditModel(team.Id, form, team.Members, await OfficersToAddAsync(team)));
    }

    /// <summary>The staff accounts with the Referral officer role that are not in the team yet, by user name.</summary>
    private async Task<IReadOnlyList<string>> OfficersToAddAsync(Team team) =>
        (await _users.GetUsersInRoleAsync(PortalRoles.ReferralOfficer))
            .Where(u => team.Members.All(m => m.UserId != u.Id))
            .Select(u => u.UserName!)
            .Order(StringComparer.OrdinalIgnoreCase)
            .ToList();

    [HttpPost("teams/new")]
    public Task<IActionResult> CreateTeam(TeamForm form) => SaveTeam(null, form);

    [HttpPost("teams/{id:int}")]
    public Task<IActionResult> UpdateTeam(int id, TeamForm form) => SaveTeam(id, form);

    [HttpPost("teams/{id:int}/delete")]
    public async Task<IActionResult> DeleteTeam(int id)
    {
        var team = await _db.Teams.FirstOrDefaultAsync(t => t.Id == id);
        if (team is null)
        {
            return NotFound();
        }

        if (await _db.Rules.AnyAsync(r => r.TeamId == id) || await _db.Referrals.AnyAsync(r => r.TeamId == id || r.CopyTeamId == id))
        {
            TempData["Error"] = $"{team.Name} cannot be deleted while routing rules or referrals point to it. Change those first";
            return RedirectToAction(nameof(Index));
        }

        _db.Teams.Remove(team);
        await _db.SaveChangesAsync();
        await _audit.WriteAsync("referral-routing.team-deleted", "ReferralTeam", id.ToString(System.Globalization.CultureInfo.InvariantCulture), team.Name);
        Notice($"{team.Name} was deleted");
        return RedirectToAction(nameof(Index));
    }

    [HttpPost("teams/{id:int}/members")]
    public async Task<IActionResult> AddMember(int id, string? userName)
    {
        var team = await _db.Teams.Include(t => t.Members).FirstOrDefaultAsync(t => t.Id == id);
        if (team is null)
        {
            return NotFound();
        }

        var user = string.IsNullOrWhiteSpace(userName) ? null : await _users.FindByNameAsync(userName.Trim());
        if (user is null || !await _users.IsInRoleAsync(user, PortalRoles.ReferralOfficer))
        {
            TempData["Error"] = "Choose an officer to add to the team";
        }
        else if (team.Members.Any(m => m.UserId == user.Id))
        {
            TempData["Error"] = $"{user.UserName} is already in {team.Name}";
        }
        else
        {
            team.Members.Add(new TeamMember { UserId = user.Id, UserName = user.UserName! });
            await _db.SaveChangesAsync();
            await _audit.WriteAsync("referral-routing.member-added", "ReferralTeam", id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{user.UserName} added to {team.Name}");
            Notice($"{user.UserName} was added to {team.Name}");
        }

        return RedirectToAction(nameof(EditTeam), new { id });
    }

    [HttpPost("teams/{id:int}/members/{memberId:int}/delete")]
    public async Task<IActionResult> RemoveMember(int id, int memberId)
    {
        var member = await _db.TeamMembers.FirstOrDefaultAsync(m => m.Id == memberId && m.TeamId == id);
        if (member is null)
        {
            return NotFound();
        }

        _db.TeamMembers.Remove(member);
        await _db.SaveChangesAsync();
        await _audit.WriteAsync("referral-routing.member-removed", "ReferralTeam", id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{member.UserName} removed");
        Notice($"{member.UserName} was removed from the team");
        return RedirectToAction(nameof(EditTeam), new { id });
    }

    [HttpGet("rules/new")]
    public async Task<IActionResult> NewRule()
    {
        ViewData["Title"] = "Add a routing rule";
        return View("~/Views/AdminRouting/Rule.cshtml", await RuleModelAsync(null, new RuleForm { Priority = nameof(ReferralPriority.Standard) }));
    }

    [HttpGet("rules/{id:int}")]
    public async Task<IActionResult> EditRule(int id)
    {
        var rule = await _db.Rules.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id);
        if (rule is null)
        {
            return NotFound();
        }

        ViewData["Title"] = $"Edit rule {rule.Name}";
        var form = new RuleForm
        {
            Name = rule.Name,
            Form = rule.FormSlug,
            Areas = rule.AreaList.Select(a => a.ToString()).ToList(),
            AgeBands = [.. rule.AgeBandList],
            MinRiskIndicators = rule.MinRiskIndicators,
            Children = rule.ChildrenInHousehold switch { true => "yes", false => "no", null => "" },
            TeamId = rule.TeamId,
            Priority = rule.Priority.ToString(),
        };
        return View("~/Views/AdminRouting/Rule.cshtml", await RuleModelAsync(id, form));
    }

    [HttpPost("rules/new")]
    public Task<IActionResult> CreateRule(RuleForm form) => SaveRule(null, form);

    [HttpPost("rules/{id:int}")]
    public Task<IActionResult> UpdateRule(int id, RuleForm form) => SaveRule(id, form);

    [HttpPost("rules/{id:int}/delete")]
    public async Task<IActionResult> DeleteRule(int id)
    {
        var rule = await _db.Rules.FirstOrDefaultAsync(r => r.Id == id);
        if (rule is null)
        {
            return NotFound();
        }

        _db.Rules.Remove(rule);
        await _db.SaveChangesAsync();
        await Renumber();
        await _audit.WriteAsync("referral-routing.rule-deleted", "ReferralRule", id.ToString(System.Globalization.CultureInfo.InvariantCulture), rule.Name);
        Notice($"The rule '{rule.Name}' was deleted");
        return RedirectToAction(nameof(Index));
    }

    [HttpPost("rules/{id:int}/move")]
    public async Task<IActionResult> MoveRule(int id, string? direction)
    {
        var rules = await _db.Rules.OrderBy(r => r.Order).ThenBy(r => r.Id).ToListAsync();
        var index = rules.FindIndex(r => r.Id == id);
        if (index < 0)
        {
            return NotFound();
        }

        var target = direction == "up" ? index - 1 : index + 1;
        if (target >= 0 && target < rules.Count)
        {
            (rules[index], rules[target]) = (rules[target], rules[index]);
            for (var i = 0; i < rules.Count; i++)
            {
                rules[i].Order = i + 1;
            }

            await _db.SaveChangesAsync();
            await _audit.WriteAsync("referral-routing.rule-moved", "ReferralRule", id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"'{rules[target].Name}' moved to position {target + 1}");
            Notice($"The rule '{rules[target].Name}' is now number {target + 1}");
        }

        return RedirectToAction(nameof(Index));
    }

    [HttpPost("settings")]
    public async Task<IActionResult> Settings(int? defaultTeamId, int? urgentRiskThreshold)
    {
        if (urgentRiskThreshold is not (>= 1 and <= 50))
        {
            TempData["Error"] = "Enter the number of risk indicators that makes a referral urgent, from 1 to 50";
            return RedirectToAction(nameof(Index));
        }

        var teams = await _db.Teams.ToListAsync();
        if (teams.All(t => t.Id != defaultTeamId))
        {
            TempData["Error"] = "Select the default team";
            return RedirectToAction(nameof(Index));
        }

        foreach (var team in teams)
        {
            team.IsDefault = team.Id == defaultTeamId;
        }

        var settings = await _routing.SettingsAsync();
        settings.UrgentRiskThreshold = urgentRiskThreshold;
        await _db.SaveChangesAsync();
        await _audit.WriteAsync("referral-routing.settings-changed", "ReferralRouting", null, $"Default team {defaultTeamId}, urgent at {urgentRiskThreshold} risk indicators");
        Notice("The routing settings were saved");
        return RedirectToAction(nameof(Index));
    }

    [HttpPost("retention")]
    public async Task<IActionResult> Retention(string? form, int? days)
    {
        var forms = await _forms.AllAsync();
        if (forms.All(f => f.Slug != form))
        {
            TempData["Error"] = "Select a form";
            return RedirectToAction(nameof(Index));
        }

        if (days is not (>= 1 and <= 3650))
        {
            TempData["Error"] = "Enter how many days to keep closed referrals, from 1 to 3650";
            return RedirectToAction(nameof(Index));
        }

        var row = await _db.Retention.FirstOrDefaultAsync(r => r.FormSlug == form);
        if (row is null)
        {
            _db.Retention.Add(new FormRetention { FormSlug = form!, RetentionDays = days.Value });
        }
        else
        {
            row.RetentionDays = days.Value;
        }

        await _db.SaveChangesAsync();
        await _audit.WriteAsync("referral-routing.retention-changed", "ReferralRouting", form, $"Closed referrals from {form} kept {days} days");
        Notice($"Closed referrals from this form will be deleted {days} days after closing");
        return RedirectToAction(nameof(Index));
    }

    private async Task<IActionResult> SaveTeam(int? id, TeamForm form)
    {
        var addresses = (form.Addresses ?? "").Split(['\n', '\r', ';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (addresses.Length == 0)
        {
            ModelState.AddModelError(nameof(TeamForm.Addresses), "Enter at least one email address to tell when a referral arrives");
        }
        else if (addresses.FirstOrDefault(a => !EmailAddress.IsValid(a)) is { } bad)
        {
            ModelState.AddModelError(nameof(TeamForm.Addresses), $"Enter email addresses in the right format, like team@example.org ('{bad}' is not)");
        }

        var name = form.Name?.Trim() ?? "";
        if (name.Length > 0 && await _db.Teams.AnyAsync(t => t.Name == name && t.Id != id))
        {
            ModelState.AddModelError(nameof(TeamForm.Name), "There is already a team with this name");
        }

        Team? team = null;
        if (id is not null && (team = await _db.Teams.Include(t => t.Members).FirstOrDefaultAsync(t => t.Id == id)) is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = 400;
            ViewData["Title"] = id is null ? "Add a team" : $"Edit {team!.Name}";
            return View("~/Views/AdminRouting/Team.cshtml", new TeamEditModel(id, form, team?.Members ?? [], team is null ? [] : await OfficersToAddAsync(team)));
        }

        if (team is null)
        {
            team = new Team { IsDefault = !await _db.Teams.AnyAsync() };
            _db.Teams.Add(team);
        }

        team.Name = name;
        team.NotificationAddresses = string.Join(';', addresses);
        team.ResponseTime = form.ResponseTime?.Trim() ?? "";
        team.PublicName = form.PublicName?.Trim() ?? "";
        team.IsChildrenSafeguarding = form.ChildrenSafeguarding;
        if (form.ChildrenSafeguarding)
        {
            // Only one team is the children's safeguarding team.
            await _db.Teams.Where(t => t.Id != team.Id && t.IsChildrenSafeguarding).ExecuteUpdateAsync(s => s.SetProperty(t => t.IsChildrenSafeguarding, false));
        }

        await _db.SaveChangesAsync();
        await _audit.WriteAsync(id is null ? "referral-routing.team-created" : "referral-routing.team-changed", "ReferralTeam", team.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), team.Name);
        Notice($"{team.Name} was saved");
        return RedirectToAction(nameof(Index));
    }

    private async Task<IActionResult> SaveRule(int? id, RuleForm form)
    {
        var teams = await _db.Teams.AsNoTracking().ToListAsync();
        if (teams.All(t => t.Id != form.TeamId))
        {
            ModelState.AddModelError(nameof(RuleForm.TeamId), "Select the team the rule sends referrals to");
        }

        if (!Enum.TryParse<ReferralPriority>(form.Priority, out var priority))
        {
            ModelState.AddModelError(nameof(RuleForm.Priority), "Select the priority");
        }

        RoutingRule? rule = null;
        if (id is not null && (rule = await _db.Rules.FirstOrDefaultAsync(r => r.Id == id)) is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = 400;
            ViewData["Title"] = id is null ? "Add a routing rule" : $"Edit rule {rule!.Name}";
            return View("~/Views/AdminRouting/Rule.cshtml", await RuleModelAsync(id, form));
        }

        if (rule is null)
        {
            rule = new RoutingRule { Order = (await _db.Rules.MaxAsync(r => (int?)r.Order) ?? 0) + 1 };
            _db.Rules.Add(rule);
        }

        rule.Name = form.Name!.Trim();
        rule.FormSlug = string.IsNullOrWhiteSpace(form.Form) ? null : form.Form;
        rule.Areas = RoutingRule.Join(form.Areas.Where(a => Enum.TryParse<Area>(a, out _)));
        rule.AgeBands = RoutingRule.Join(form.AgeBands.Where(AgeBands.All.Contains));
        rule.MinRiskIndicators = form.MinRiskIndicators;
        rule.ChildrenInHousehold = form.Children switch { "yes" => true, "no" => false, _ => null };
        rule.TeamId = form.TeamId!.Value;
        rule.Priority = priority;
        await _db.SaveChangesAsync();
        await _audit.WriteAsync(id is null ? "referral-routing.rule-created" : "referral-routing.rule-changed", "ReferralRule", rule.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), rule.Name);
        Notice($"The rule '{rule.Name}' was saved");
        return RedirectToAction(nameof(Index));
    }

    private async Task Renumber()
    {
        var rules = await _db.Rules.OrderBy(r => r.Order).ThenBy(r => r.Id).ToListAsync();
        for (var i = 0; i < rules.Count; i++)
        {
            rules[i].Order = i + 1;
        }

        await _db.SaveChangesAsync();
    }

    private async Task<RuleEditModel> RuleModelAsync(int? id, RuleForm form) =>
        new(id, form, await _db.Teams.AsNoTracking().OrderBy(t => t.Name).ToListAsync(), await _forms.AllAsync());
}

public sealed record RoutingIndexModel(RoutingTable Table, IReadOnlyList<ReferralFormSummary> Forms, IReadOnlyDictionary<string, int> Retention, IReadOnlyList<TeamMember> Members, TesterForm Test, RouteDecision? Decision, string? TestError);

/// <param name="OfficersToAdd">User names of Referral officers not in the team yet, offered in a list.</param>
public sealed record TeamEditModel(int? Id, TeamForm Form, IReadOnlyList<TeamMember> Members, IReadOnlyList<string> OfficersToAdd);

public sealed record RuleEditModel(int? Id, RuleForm Form, IReadOnlyList<Team> Teams, IReadOnlyList<ReferralFormSummary> Forms);

public sealed class TeamForm
{
    [Required(ErrorMessage = "Enter the team's name")]
    [StringLength(200, ErrorMessage = "The name must be 200 characters or fewer")]
    public string? Name { get; set; }

    [StringLength(2000, ErrorMessage = "The addresses must be 2000 characters or fewer")]
    public string? Addresses { get; set; }

    /// <summary>Optional: a promise only the partnership can make. Empty means people are told no time.</summary>
    [StringLength(200, ErrorMessage = "The response time must be 200 characters or fewer")]
    public string? ResponseTime { get; set; }

    /// <summary>Optional: the name people are told. Empty means they are told "the team your referral is sent to".</summary>
    [StringLength(200, ErrorMessage = "The public name must be 200 characters or fewer")]
    public string? PublicName { get; set; }

    public bool ChildrenSafeguarding { get; set; }
}

public sealed class RuleForm
{
    [Required(ErrorMessage = "Enter a name for the rule, like 'Poole, urgent'")]
    [StringLength(200, ErrorMessage = "The name must be 200 characters or fewer")]
    public string? Name { get; set; }

    public string? Form { get; set; }

    public List<string> Areas { get; set; } = [];

    public List<string> AgeBands { get; set; } = [];

    [Range(0, 50, ErrorMessage = "Enter a number of risk indicators from 0 to 50")]
    public int? MinRiskIndicators { get; set; }

    public string? Children { get; set; }

    public int? TeamId { get; set; }

    public string? Priority { get; set; }
}

public sealed class TesterForm
{
    public bool Run { get; set; }

    public string? Form { get; set; }

    public string? Area { get; set; }

    public string? AgeBand { get; set; }

    public int? Risks { get; set; }

    public string? Children { get; set; }
}
