using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace SaferBcp.Cms.Data;

/// <summary>Resolves the data folder and the files kept in it.</summary>
public sealed class PortalDataPaths
{
    public PortalDataPaths(IOptions<PortalOptions> options, IHostEnvironment environment)
    {
        Options = options.Value;
        DataFolder = Path.GetFullPath(Path.Combine(environment.ContentRootPath, Options.DataFolder));
        Directory.CreateDirectory(DataFolder);
        var sqlite = new SqliteConnectionStringBuilder(Options.DatabaseProvider == DatabaseProvider.Sqlite ? Options.ConnectionString : null)
        {
            Cache = SqliteCacheMode.Private,
            DefaultTimeout = 30,
            Pooling = true,
        };
        if (string.IsNullOrEmpty(sqlite.DataSource))
        {
            sqlite.DataSource = Path.Combine(DataFolder, "portal.db");
        }

        SqliteConnectionString = sqlite.ToString();
    }

    public PortalOptions Options { get; }

    public string DataFolder { get; }

    public string SqliteConnectionString { get; }

    public string Folder(string name)
    {
        var path = Path.Combine(DataFolder, name);
        Directory.CreateDirectory(path);
        return path;
    }
}
