using System.Reflection;

namespace SaferBcp.Cms.Modules;

/// <summary>The modules the host listed, less those switched off in configuration.</summary>
public sealed class ModuleCatalog
{
    public ModuleCatalog(IReadOnlyList<ModuleStartup> enabled, IReadOnlyList<ModuleStartup> disabled)
    {
        Enabled = enabled;
        Disabled = disabled;
    }

    public IReadOnlyList<ModuleStartup> Enabled { get; }

    public IReadOnlyList<ModuleStartup> Disabled { get; }

    public IEnumerable<Assembly> EnabledAssemblies => Enabled.Select(m => m.GetType().Assembly).Distinct();

    public IEnumerable<Assembly> DisabledAssemblies => Disabled.Select(m => m.GetType().Assembly).Distinct();

    public bool IsEnabled(string name) => Enabled.Any(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));
}
