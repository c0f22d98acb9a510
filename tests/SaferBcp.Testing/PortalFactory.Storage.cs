using System.Text;
using Npgsql;
using SaferBcp.Cms.Data;

namespace SaferBcp.Testing;

public partial class PortalFactory
{
    /// <summary>
    /// Everything the database holds, as text, for tests that check what was never stored: on SQLite the raw bytes of
    /// the database file and its write-ahead log (read as Latin-1, so no byte is lost); on PostgreSQL every row of every
    /// table, as PostgreSQL writes it out.
    /// </summary>
    public async Task<string> ReadEverythingStoredAsync()
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            return await ReadPostgresRowsAsync();
        }

        var text = new StringBuilder();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(DatabaseFile)!, Path.GetFileName(DatabaseFile) + "*"))
        {
            // Shared read access: the portal still has the file open.
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            text.Append(Encoding.Latin1.GetString(copy.ToArray()));
        }

        return text.ToString();
    }

    private async Task<string> ReadPostgresRowsAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var text = new StringBuilder();
        foreach (var table in tables)
        {
            await using var rows = new NpgsqlCommand($"SELECT t::text FROM \"{table}\" t", connection);
            await using var reader = await rows.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                text.AppendLine(reader.GetString(0));
            }
        }

        return text.ToString();
    }
}
