using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SaferBcp.Cms.Security;

namespace SaferBcp.Cms.Recipes.Steps;

/// <summary>{ "name": "roles", "roles": [ { "name": "Editor", "description": "...", "permissions": ["ManageContent"] } ] }</summary>
public sealed class RolesStep : IRecipeStep
{
    private readonly RoleManager<PortalRole> _roles;
    private readonly HashSet<string> _permissions;

    public RolesStep(RoleManager<PortalRole> roles, IEnumerable<Permission> permissions, IEnumerable<InactivePermission> inactive)
    {
        _roles = roles;
        _permissions = permissions.Select(p => p.Name).Concat(inactive.Select(p => p.Name)).ToHashSet(StringComparer.Ordinal);
    }

    public string Name => "roles";

    public int Order => 10;

    public void Validate(JsonObject step, RecipeErrors errors)
    {
        var roles = RecipeJson.Array(step, "roles", errors);
        for (var i = 0; roles is not null && i < roles.Count; i++)
        {
            var path = $"roles[{i}]";
            if (roles[i] is not JsonObject role)
            {
                errors.Add(path, "must be an object");
                continue;
            }

            RecipeJson.Text(role, "name", path, errors, maxLength: 64);
            RecipeJson.Text(role, "description", path, errors, required: false, maxLength: 500);
            var permissions = role["permissions"] as JsonArray;
            if (permissions is null)
            {
                errors.Add($"{path}.permissions", "is missing: it must be a list of permission names");
                continue;
            }

            for (var p = 0; p < permissions.Count; p++)
            {
                var name = permissions[p] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
                if (name is null || !_permissions.Contains(name))
                {
                    errors.Add($"{path}.permissions[{p}]", $"\"{permissions[p]}\" is not a permission. Known permissions: {string.Join(", ", _permissions.Order())}");
                }
            }
        }
    }

    public async Task<int> ApplyAsync(JsonObject step, CancellationToken cancellationToken)
    {
        var changes = 0;
        foreach (var node in (JsonArray)step["roles"]!)
        {
            var json = (JsonObject)node!;
            var name = json["name"]!.GetValue<string>();
            var description = json["description"]?.GetValue<string>();
            var wanted = ((JsonArray)json["permissions"]!).Select(p => p!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
            var role = await _roles.FindByNameAsync(name);
            if (role is null)
            {
                role = new PortalRole(name) { Description = description };
                Check(await _roles.CreateAsync(role), name);
                changes++;
            }
            else if (description is not null && role.Description != description)
            {
                role.Description = description;
                Check(await _roles.UpdateAsync(role), name);
                changes++;
            }

            changes += await SetPermissionsAsync(_roles, role, wanted);
        }

        return changes;
    }

    public static async Task<int> SetPermissionsAsync(RoleManager<PortalRole> roles, PortalRole role, IReadOnlySet<string> wanted)
    {
        var changes = 0;
        var claims = await roles.GetClaimsAsync(role);
        var current = claims.Where(c => c.Type == CmsPermissions.ClaimType).ToList();
        foreach (var claim in current.Where(c => !wanted.Contains(c.Value)))
        {
            Check(await roles.RemoveClaimAsync(role, claim), role.Name!);
            changes++;
        }

        foreach (var permission in wanted.Where(w => !current.Any(c => c.Value == w)))
        {
            Check(await roles.AddClaimAsync(role, new Claim(CmsPermissions.ClaimType, permission)), role.Name!);
            changes++;
        }

        return changes;
    }

    public async Task<JsonObject?> ExportAsync(CancellationToken cancellationToken)
    {
        var array = new JsonArray();
        foreach (var role in await _roles.Roles.OrderBy(r => r.Name).ToListAsync(cancellationToken))
        {
            var permissions = (await _roles.GetClaimsAsync(role)).Where(c => c.Type == CmsPermissions.ClaimType).Select(c => c.Value).Order();
            array.Add(new JsonObject
            {
                ["name"] = role.Name,
                ["description"] = role.Description,
                ["permissions"] = new JsonArray(permissions.Select(p => (JsonNode)JsonValue.Create(p)).ToArray()),
            });
        }

        return new JsonObject { ["roles"] = array };
    }

    private static void Check(IdentityResult result, string role)
    {
        if (!result.Succeeded)
        {
            throw new RecipeStepException("roles", $"Role {role}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
