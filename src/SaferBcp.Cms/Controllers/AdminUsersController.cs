using System.Security.Cryptography;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SaferBcp.Cms.Audit;
using SaferBcp.Cms.Recipes.Steps;
using SaferBcp.Cms.Security;

namespace SaferBcp.Cms.Controllers;

/// <summary>Staff accounts and roles. New accounts get a one-time password that must be changed at first sign-in.</summary>
[Route("admin")]
[Authorize(Policy = CmsPermissions.ManageUsers)]
public sealed class AdminUsersController : AdminControllerBase
{
    private readonly UserManager<PortalUser> _users;
    private readonly RoleManager<PortalRole> _roles;
    private readonly AuditLog _audit;
    private readonly IEnumerable<Permission> _permissions;
    private readonly TimeProvider _clock;

    public AdminUsersController(UserManager<PortalUser> users, RoleManager<PortalRole> roles, AuditLog audit, IEnumerable<Permission> permissions, TimeProvider clock)
    {
        _users = users;
        _roles = roles;
        _audit = audit;
        _permissions = permissions;
        _clock = clock;
    }

    [HttpGet("users")]
    public async Task<IActionResult> Index()
    {
        var users = await _users.Users.OrderBy(u => u.UserName).ToListAsync();
        var rows = new List<UserRow>();
        foreach (var user in users)
        {
            rows.Add(new UserRow(user, await _users.GetRolesAsync(user)));
        }

        ViewData["Title"] = "Users";
        return View(rows);
    }

    [HttpGet("users/new")]
    public async Task<IActionResult> New()
    {
        ViewData["Title"] = "Add a user";
        return View(new NewUserModel(await RoleNamesAsync(), null, null, [], new Dictionary<string, string>()));
    }

    [HttpPost("users/new")]
    public async Task<IActionResult> Create(string? userName, string? email, List<string>? roles)
    {
        userName = userName?.Trim();
        email = email?.Trim();
        roles ??= [];
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrEmpty(userName))
        {
            errors["userName"] = "Enter a user name";
        }

        if (!Formats.EmailAddress.IsValid(email))
        {
            errors["email"] = "Enter an email address in the correct format, like name@bcpcouncil.gov.uk";
        }

        var allRoles = await RoleNamesAsync();
        roles = roles.Where(allRoles.Contains).ToList();
        PortalUser? user = null;
        var password = GeneratePassword();
        if (errors.Count == 0)
        {
            user = new PortalUser { UserName = userName, Email = email, EmailConfirmed = true, MustChangePassword = true, CreatedUtc = _clock.GetUtcNow().UtcDateTime };
            var result = await _users.CreateAsync(user, password);
            if (!result.Succeeded)
            {
                errors["userName"] = string.Join(" ", result.Errors.Select(e => e.Description));
            }
        }

        if (errors.Count > 0)
        {
            Response.StatusCode = 400;
            ViewData["Title"] = "Error: Add a user";
            return View("New", new NewUserModel(allRoles, userName, email, roles, errors));
        }

        if (roles.Count > 0)
        {
            await _users.AddToRolesAsync(user!, roles);
        }

        await _audit.WriteAsync("user.created", "Account", user!.Id, $"{user.UserName} created with roles: {string.Join(", ", roles)}");
        ViewData["Title"] = "User added";
        return View("Created", new CreatedUserModel(user.UserName!, password));
    }

    [HttpGet("users/{id}")]
    public async Task<IActionResult> Edit(string id)
    {
        var user = await _users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        ViewData["Title"] = $"User {user.UserName}";
        return View(new EditUserModel(user, await _users.GetRolesAsync(user), await RoleNamesAsync(), await _users.IsLockedOutAsync(user)));
    }

    [HttpPost("users/{id}/roles")]
    public async Task<IActionResult> SaveRoles(string id, List<string>? roles)
    {
        var user = await _users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        var wanted = (roles ?? []).Where((await RoleNamesAsync()).Contains).ToHashSet();
        var current = await _users.GetRolesAsync(user);
        if (user.Id == _users.GetUserId(User) && current.Contains(PortalRoles.Administrator) && !wanted.Contains(PortalRoles.Administrator))
        {
            TempData["Error"] = "You cannot remove the Administrator role from your own account";
            return RedirectToAction(nameof(Edit), new { id });
        }

        var removed = current.Where(r => !wanted.Contains(r)).ToList();
        var added = wanted.Where(r => !current.Contains(r)).ToList();
        await _users.RemoveFromRolesAsync(user, removed);
        await _users.AddToRolesAsync(user, added);
        await _users.UpdateSecurityStampAsync(user);
        if (removed.Count + added.Count > 0)
        {
            await _audit.WriteAsync("user.roles-changed", "Account", user.Id, $"{user.UserName}: added [{string.Join(", ", added)}], removed [{string.Join(", ", removed)}]");
        }

        Notice("Roles saved");
        return RedirectToAction(nameof(Edit), new { id });
    }

    [HttpPost("users/{id}/unlock")]
    public async Task<IActionResult> Unlock(string id)
    {
        var user = await _users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        await _users.SetLockoutEndDateAsync(user, null);
        await _users.ResetAccessFailedCountAsync(user);
        await _audit.WriteAsync("user.unlocked", "Account", user.Id, user.UserName);
        Notice($"{user.UserName} can sign in again");
        return RedirectToAction(nameof(Edit), new { id });
    }

    [HttpPost("users/{id}/reset-two-factor")]
    public async Task<IActionResult> ResetTwoFactor(string id)
    {
        var user = await _users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        await _users.SetTwoFactorEnabledAsync(user, false);
        await _users.ResetAuthenticatorKeyAsync(user);
        await _users.UpdateSecurityStampAsync(user);
        await _audit.WriteAsync("user.two-factor-reset", "Account", user.Id, user.UserName);
        Notice($"Two-factor authentication was reset for {user.UserName}. They will set it up again at their next sign-in");
        return RedirectToAction(nameof(Edit), new { id });
    }

    [HttpGet("roles")]
    public async Task<IActionResult> Roles()
    {
        ViewData["Title"] = "Roles";
        var roles = await _roles.Roles.OrderBy(r => r.Name).ToListAsync();
        var rows = new List<RoleRow>();
        foreach (var role in roles)
        {
            var claims = await _roles.GetClaimsAsync(role);
            rows.Add(new RoleRow(role, claims.Where(c => c.Type == CmsPermissions.ClaimType).Select(c => c.Value).ToHashSet()));
        }

        return View(new RolesModel(rows, _permissions.ToList()));
    }

    [HttpPost("roles/{name}")]
    public async Task<IActionResult> SaveRole(string name, List<string>? permissions)
    {
        var role = await _roles.FindByNameAsync(name);
        if (role is null)
        {
            return NotFound();
        }

        var known = _permissions.Select(p => p.Name).ToHashSet();
        var wanted = (permissions ?? []).Where(known.Contains).ToHashSet();
        var changes = await RolesStep.SetPermissionsAsync(_roles, role, wanted);
        if (changes > 0)
        {
            await _audit.WriteAsync("role.permissions-changed", "Role", role.Name, $"{role.Name} now has: {string.Join(", ", wanted.Order())}");
        }

        Notice($"Permissions for {role.Name} saved");
        return RedirectToAction(nameof(Roles));
    }

    private async Task<List<string>> RoleNamesAsync() => await _roles.Roles.OrderBy(r => r.Name).Select(r => r.Name!).ToListAsync();

    public static string GeneratePassword()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
        return new string(RandomNumberGenerator.GetItems(alphabet.AsSpan(), 19));
    }
}

public sealed record UserRow(PortalUser User, IList<string> Roles);

public sealed record NewUserModel(IReadOnlyList<string> AllRoles, string? UserName, string? Email, IReadOnlyList<string> Roles, IReadOnlyDictionary<string, string> Errors);

public sealed record CreatedUserModel(string UserName, string Password);

public sealed record EditUserModel(PortalUser User, IList<string> Roles, IReadOnlyList<string> AllRoles, bool LockedOut);

public sealed record RoleRow(PortalRole Role, IReadOnlySet<string> Permissions);

public sealed record RolesModel(IReadOnlyList<RoleRow> Roles, IReadOnlyList<Permission> Permissions);
