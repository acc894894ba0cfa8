namespace IdP.Server.Data;

/// <summary>Bound from <c>IdP:Database</c>. The connection string is <c>ConnectionStrings:IdP</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "IdP:Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations at start-up. Switch off when migrations are run as a deployment step.</summary>
    public bool ApplyMigrations { get; set; } = true;

    /// <summary>Folder for the SQLite file when no connection string is given (relative to the content root).</summary>
    [Required]
    public string DataFolder { get; set; } = "App_Data";
}

/// <summary>Database engines we ship migrations for.</summary>
public enum DatabaseProvider
{
    Sqlite,
    PostgreSQL,
}
