using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace SaferBcp.Cms.Security;

/// <summary>A permission a module declares. Roles hold permissions; policies of the same name check them.</summary>
public sealed record Permission(string Name, string Description, string Group);

/// <summary>A permission of a module that is switched off: roles may still hold it.</summary>
public sealed record InactivePermission(string Name);

public static class CmsPermissions
{
    public const string ClaimType = "Permission";

    public const string AccessAdmin = "AccessAdmin";
    public const string ManageContent = "ManageContent";
    public const string PublishContent = "PublishContent";
    public const string ManageMenus = "ManageMenus";
    public const string ManageSettings = "ManageSettings";
    public const string ManageUsers = "ManageUsers";
    public const string ViewAuditLog = "ViewAuditLog";
    public const string ImportExportRecipes = "ImportExportRecipes";

    public static readonly Permission[] All =
    [
        new(AccessAdmin, "Sign in to the back office", "Back office"),
        new(ManageContent, "Create and edit drafts of pages, campaigns and news", "Content"),
        new(PublishContent, "Publish, unpublish and schedule content", "Content"),
        new(ManageMenus, "Edit the site's menus", "Content"),
        new(ManageSettings, "Change site settings", "Site"),
        new(ManageUsers, "Create accounts and assign roles", "Site"),
        new(ViewAuditLog, "Read the audit log", "Site"),
        new(ImportExportRecipes, "Export and import the site's content as a recipe", "Site"),
    ];
}

public static class PortalRoles
{
    public const string Administrator = "Administrator";
    public const string Editor = "Editor";
    public const string ReferralOfficer = "ReferralOfficer";
    public const string Analyst = "Analyst";
    public const string Reviewer = "Reviewer";
}

public sealed class PermissionRequirement : IAuthorizationRequirement
{
    public PermissionRequirement(string permission) => Permission = permission;

    public string Permission { get; }
}

/// <summary>Administrators hold every permission; others hold what their roles grant (role claims).</summary>
public sealed class PermissionHandler : AuthorizationHandler<PermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true &&
            (user.IsInRole(PortalRoles.Administrator) || user.HasClaim(CmsPermissions.ClaimType, requirement.Permission)))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>Creates one authorization policy per declared permission, named after it.</summary>
public sealed class PermissionPolicySetup : IConfigureOptions<AuthorizationOptions>
{
    private readonly IEnumerable<Permission> _permissions;

    public PermissionPolicySetup(IEnumerable<Permission> permissions) => _permissions = permissions;

    public void Configure(AuthorizationOptions options)
    {
        foreach (var permission in _permissions)
        {
            options.AddPolicy(permission.Name, p => p.RequireAuthenticatedUser().AddRequirements(new PermissionRequirement(permission.Name)));
        }
    }
}
