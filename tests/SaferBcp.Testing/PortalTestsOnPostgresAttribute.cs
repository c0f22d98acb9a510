namespace SaferBcp.Testing;

/// <summary>
/// Put on a test assembly (<c>[assembly: PortalTestsOnPostgres]</c>) to run every <see cref="PortalFactory"/> it makes,
/// class fixtures included, on PostgreSQL. An attribute rather than a static set by the assembly: xunit builds class
/// fixtures before any code of the test assembly runs.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class PortalTestsOnPostgresAttribute : Attribute
{
    private static readonly Lazy<bool> InThisProcess = new(() =>
        AppDomain.CurrentDomain.GetAssemblies().Any(a => a.IsDefined(typeof(PortalTestsOnPostgresAttribute), inherit: false)));

    /// <summary>Whether a loaded test assembly asks for PostgreSQL.</summary>
    public static bool Requested => InThisProcess.Value;
}
