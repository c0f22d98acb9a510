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
