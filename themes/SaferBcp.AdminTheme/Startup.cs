using SaferBcp.Cms.Modules;

namespace SaferBcp.AdminTheme;

/// <summary>The back office's layout (_AdminLayout): staff header, the permission-filtered admin menu, notices.</summary>
public sealed class Startup : ModuleStartup
{
    public override int Order => 2;
}
