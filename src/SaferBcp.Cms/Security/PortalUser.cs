using Microsoft.AspNetCore.Identity;

namespace SaferBcp.Cms.Security;

public sealed class PortalUser : IdentityUser
{
    public string? DisplayName { get; set; }

    /// <summary>Set for the first administrator's generated password and for accounts an admin creates.</summary>
    public bool MustChangePassword { get; set; }

    public DateTime CreatedUtc { get; set; }
}

public sealed class PortalRole : IdentityRole
{
    public PortalRole()
    {
    }

    public PortalRole(string name)
        : base(name)
    {
    }

    public string? Description { get; set; }
}
