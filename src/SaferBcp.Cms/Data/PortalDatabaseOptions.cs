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

    /// <summary>Required for PostgreSQL. For SQLite, optional: "Data Source=…" puts the file elsewhere than {DataFolder}/portal.db.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Identifies this node for change-log cursors when several nodes share a database.</summary>
    public string NodeId { get; set; } = Environment.MachineName;

    /// <summary>Where recipes/ lives; defaults to the recipes folder next to the solution or app.</summary>
    public string? RecipesFolder { get; set; }

    public string SetupRecipe { get; set; } = "saferbcp.recipe.json";
}
