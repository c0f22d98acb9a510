// Every [Fact] and [Theory] of the shared integration tests becomes skippable here, so that on a machine without
// PostgreSQL they are reported as skipped with the reason (PostgresServer.Get) rather than failed.
global using FactAttribute = Xunit.SkippableFactAttribute;
global using TheoryAttribute = Xunit.SkippableTheoryAttribute;

// Every portal these tests start, class fixtures included, runs on a PostgreSQL database of its own.
[assembly: SaferBcp.Testing.PortalTestsOnPostgres]
