namespace SaferBcp.Cms.Modules;

/// <summary>
/// Checks every module's <see cref="ModuleStartup.Dependencies"/> before any module registers a service, and puts
/// the switched-on modules in the order they run.
/// </summary>
public static class ModuleDependencies
{
    /// <summary>
    /// The switched-on modules, each after the modules it needs; throws, naming the modules, if one needs a module
    /// that is not listed or is switched off, or if modules need each other in a circle.
    /// </summary>
    public static IReadOnlyList<ModuleStartup> RunOrder(IReadOnlyList<ModuleStartup> listed, IReadOnlyList<ModuleStartup> enabled)
    {
        var problems = Unmet(listed, enabled).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, problems));
        }

        return Sort(enabled);
    }

    private static IEnumerable<string> Unmet(IReadOnlyList<ModuleStartup> listed, IReadOnlyList<ModuleStartup> enabled)
    {
        foreach (var module in listed)
        {
            foreach (var needed in module.Dependencies)
            {
                if (!listed.Any(m => HasName(m, needed)))
                {
                    yield return $"{module.Name} needs {needed}, which the host does not list in AddPortalModules. "
                        + $"List {needed} there, or take it out of {module.Name}'s Dependencies.";
                }
                else if (enabled.Contains(module) && !enabled.Any(m => HasName(m, needed)))
                {
                    yield return $"{module.Name} needs {needed}, which is switched off in Modules:Disabled. "
                        + $"Switch {module.Name} off too, or switch {needed} back on.";
                }
            }
        }
    }

    // The order is worked out from Dependencies rather than checked against Order, so a module names what it needs
    // once and cannot be run too early by a wrong number. Order (then the host's listing) only breaks ties: at each
    // step the lowest module whose dependencies have all run goes next. If none can go, the rest need each other.
    private static List<ModuleStartup> Sort(IReadOnlyList<ModuleStartup> modules)
    {
        var waiting = modules.OrderBy(m => m.Order).ToList();
        var sorted = new List<ModuleStartup>(waiting.Count);
        while (waiting.Count > 0)
        {
            var next = waiting.FirstOrDefault(m => m.Dependencies.All(needed => sorted.Any(s => HasName(s, needed))))
                ?? throw new InvalidOperationException(DescribeCircle(waiting));
            sorted.Add(next);
            waiting.Remove(next);
        }

        return sorted;
    }

    /// <summary>Follows needs among modules that all wait on one another until one comes round again.</summary>
    private static string DescribeCircle(List<ModuleStartup> waiting)
    {
        var path = new List<ModuleStartup>();
        var current = waiting[0];
        while (!path.Contains(current))
        {
            path.Add(current);
            current = waiting.First(m => current.Dependencies.Any(needed => HasName(m, needed)));
        }

        var circle = path.Skip(path.IndexOf(current)).Append(current).Select(m => m.Name).ToList();
        return $"{circle[0]} needs {string.Join(", which needs ", circle.Skip(1))}: modules cannot need each other in a circle, "
            + "as none of them could run first. Take one of these needs out of Dependencies.";
    }

    private static bool HasName(ModuleStartup module, string name) => string.Equals(module.Name, name, StringComparison.OrdinalIgnoreCase);
}
