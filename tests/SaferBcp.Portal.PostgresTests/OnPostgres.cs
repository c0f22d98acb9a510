// Every [Fact] and [Theory] of the shared integration tests becomes skippable here, so that on a machine without
// PostgreSQL they are reported as skipped with the reason (PostgresServer.Get) rather than failed.
global using FactAttribute = Xunit.SkippableFactAttribute;
global using TheoryAttribute = Xunit.SkippableTheoryAttribute;

using System.Runtime.CompilerServices;
using SaferBcp.Cms.Data;

namespace SaferBcp.Portal.PostgresTests;

internal static class OnPostgres
{
    /// <summary>Every portal these tests start runs on a PostgreSQL database of its own.</summary>
    [ModuleInitializer]
    internal static void UsePostgres() => PortalFactory.DefaultProvider = DatabaseProvider.Postgres;
}
