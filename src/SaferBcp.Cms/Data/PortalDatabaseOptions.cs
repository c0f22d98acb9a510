namespace SaferBcp.Cms.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Bound from the "Portal" configuration section.</summary>
public sealed class PortalOptions
{
    /// <summary>Folder for the SQLite file, key ring, media and search index. Relative paths are under the content root.</summary>
    public string DataFolder { get; set; } = "App_Data";

    public DatabaseProvider DatabaseProvider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// For PostgreSQL (Npgsql's form). On SQLite it may name another file ("Data Source=/path/portal.db"), as a second
    /// process on the same machine does in the tests; otherwise SQLite uses {DataFolder}/portal.db.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Identifies this node for change-log cursors when several nodes share a database.</summary>
    public string NodeId { get; set; } = Environment.MachineName;

    /// <summary>Where recipes/ lives; defaults to the recipes folder next to the solution or app.</summary>
    public string? RecipesFolder { get; set; }

    public string SetupRecipe { get; set; } = "saferbcp.recipe.json";

    /// <summary>
    /// The site's public base address, like https://safer.bcpcouncil.gov.uk. Every absolute link is built from it and
    /// requests for another host name are refused. Required outside Development.
    /// </summary>
    public string? PublicAddress { get; set; }

    /// <summary>
    /// Addresses (10.0.0.5) and ranges (10.1.0.0/16) of the reverse proxies whose X-Forwarded-For and
    /// X-Forwarded-Proto are believed. Empty: no forwarded header is believed.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>
    /// Where to report a vulnerability: a mailto: or https: address the partnership chooses. Published at
    /// /.well-known/security.txt (RFC 9116) once set; until then that address answers 404.
    /// </summary>
    public string? SecurityContact { get; set; }
}
