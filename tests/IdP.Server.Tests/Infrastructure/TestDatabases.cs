namespace IdP.Server.Tests.Infrastructure;

/// <summary>
/// A database provider the test server runs on (the type argument of <see cref="IdPFactory{TDatabase}"/>): it names the
/// provider and creates a fresh database for one server, and removes what it created once that server has stopped.
/// </summary>
public interface ITestDatabase : IAsyncDisposable
{
    /// <summary>The value of <c>IdP:Database:Provider</c>.</summary>
    string Provider { get; }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    Task<string> CreateAsync();
}

/// <summary>The embedded SQLite provider, with a database file in a temp folder of its own.</summary>
public sealed class Sqlite : ITestDatabase
{
    private string? _folder;

    public string Provider => "Sqlite";

    public Task<string> CreateAsync()
    {
        _folder = Directory.CreateTempSubdirectory("idp-sqlite-").FullName;
        return Task.FromResult($"Data Source={Path.Combine(_folder, "idp.db")}");
    }

    public ValueTask DisposeAsync()
    {
        // Pooled connections keep the file open: release them before removing the folder.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_folder is not null)
        {
            Directory.Delete(_folder, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>PostgreSQL, with a fresh database on the test cluster (<see cref="TestPostgres"/>), dropped once the server has stopped.</summary>
public sealed class Postgres : ITestDatabase
{
    private string? _connectionString;

    public string Provider => "PostgreSQL";

    public async Task<string> CreateAsync() => _connectionString = await TestPostgres.CreateDatabaseAsync("idp");

    // A suite makes a few hundred databases of about 8 MB each: kept to the end, they filled a small CI disk.
    public async ValueTask DisposeAsync()
    {
        if (_connectionString is not null)
        {
            await TestPostgres.DropDatabaseAsync(_connectionString);
        }
    }
}
