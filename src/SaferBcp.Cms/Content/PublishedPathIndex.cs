using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace SaferBcp.Cms.Content;

/// <summary>The unique index on published items' (path, culture) (IX_ContentItems_PublishedPath, in CmsDbContext), as each provider reports a clash.</summary>
public static class PublishedPathIndex
{
    public const string Name = "IX_ContentItems_PublishedPath";

    public static bool IsClash(DbUpdateException error) => error.InnerException switch
    {
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation && postgres.ConstraintName == Name,
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.Message.Contains("ContentItems.Path", StringComparison.Ordinal),
        _ => false,
    };
}
