using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace SaferBcp.Cms.Data;

/// <summary>
/// Tells a failure to reach the database (PostgreSQL restarting, the connection cut, SQLite's file busy for too long)
/// from a fault in the portal: the first is answered "try again" (503), the second "there is a problem" (500).
/// </summary>
public static class DatabaseUnavailable
{
    public static bool Is(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
        {
            switch (error)
            {
                case PostgresException postgres:
                    // 08: connection exception; 57P: the server is shutting down or starting; 53: out of resources.
                    return postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                        || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal)
                        || postgres.SqlState.StartsWith("53", StringComparison.Ordinal);
                case NpgsqlException:
                    // Not a server error: the connection itself failed or broke.
                    return true;
                case SqliteException sqlite:
                    return sqlite.SqliteErrorCode is 5 or 6; // SQLITE_BUSY, SQLITE_LOCKED
                case TimeoutException:
                    return true;
                case DbException:
                    return false;
            }
        }

        return false;
    }
}
