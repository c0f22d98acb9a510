using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace SaferBcp.Cms.Security;

/// <summary>Adds role permissions (via the base class) and two flags the back office acts on at every request.</summary>
public sealed class PortalClaimsFactory : UserClaimsPrincipalFactory<PortalUser, PortalRole>
{
    public const string MustChangePasswordClaim = "saferbcp:must-change-password";
    public const string TwoFactorEnabledClaim = "saferbcp:2fa";

    public PortalClaimsFactory(UserManager<PortalUser> users, RoleManager<PortalRole> roles, IOptions<IdentityOptions> options)
        : base(users, roles, options)
    {
    }

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PortalUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(MustChangePasswordClaim, "true"));
        }

        if (user.TwoFactorEnabled)
        {
            identity.AddClaim(new Claim(TwoFactorEnabledClaim, "true"));
        }

        return identity;
    }
}

/// <summary>Roles whose members must use an authenticator app before they can use the back office.</summary>
public sealed record TwoFactorRequiredRole(string Role);

/// <summary>
/// Sends a signed-in member of staff to change a generated password, or to set up two-factor
/// authentication when a role requires it, before any back-office page.
/// </summary>
public sealed class AccountRequirementsMiddleware
{
    private readonly Microsoft.AspNetCore.Http.RequestDelegate _next;

    public AccountRequirementsMiddleware(Microsoft.AspNetCore.Http.RequestDelegate next) => _next = next;

    public Task InvokeAsync(Microsoft.AspNetCore.Http.HttpContext context, IEnumerable<TwoFactorRequiredRole> twoFactorRoles)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true && context.Request.Path.StartsWithSegments("/admin"))
        {
            if (user.HasClaim(PortalClaimsFactory.MustChangePasswordClaim, "true"))
            {
                context.Response.Redirect("/account/change-password");
                return Task.CompletedTask;
            }

            if (!user.HasClaim(PortalClaimsFactory.TwoFactorEnabledClaim, "true") && twoFactorRoles.Any(r => user.IsInRole(r.Role)))
            {
                context.Response.Redirect("/account/two-factor?required=true");
                return Task.CompletedTask;
            }
        }

        return _next(context);
    }
}
