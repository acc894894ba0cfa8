using Npgsql;

namespace IdP.Server.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL cluster of one test's own (not the shared one of <see cref="TestPostgres"/>), which the test may stop
/// and start again on the same port and data, as an outage or a database restart would. Used as the database provider
/// of a server (<see cref="ITestDatabase"/>); the cluster and its files go when the server is disposed.
/// </summary>
public sealed class PostgresCluster : ITestDatabase
{
    private readonly string _root = OwnedTempFolders.Create("idp-pg-own-");
    private readonly int _port = LoopbackPort.Free();
    private readonly bool _asRoot = Environment.UserName == "root";
    private string? _bin;
    private bool _running;

    public string Provider => "PostgreSQL";

    private string DataDirectory => Path.Combine(_root, "data");

    /// <summary>Creates and starts the cluster, and returns the connection string of a fresh database on it.</summary>
    public async Task<string> CreateAsync()
    {
        _bin = TestPostgres.FindBinaries();
        if (_asRoot)
        {
            await TestPostgres.RunAsync("chown", $"-R postgres {_root}");
        }

        await ToolAsync("initdb", $"-D {DataDirectory} -U idp -A trust -E UTF8 --no-sync");
        await StartAsync();
        var admin = $"Host=127.0.0.1;Port={_port.ToString(CultureInfo.InvariantCulture)};Username=idp;Database=postgres;Pooling=false;Timeout=30";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("CREATE DATABASE idp", connection);
            await command.ExecuteNonQueryAsync();
        }

        // Short timeouts: while the cluster is down a request fails fast instead of holding a thread for 30 s.
        return new NpgsqlConnectionStringBuilder(admin) { Database = "idp", Pooling = true, Timeout = 3, CommandTimeout = 10 }.ConnectionString;
    }

    /// <summary>Starts the (stopped) cluster and waits until it accepts connections.</summary>
    public async Task StartAsync()
    {
        await ToolAsync("pg_ctl", $"-D {DataDirectory} -o \"-p {_port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100\" -l {_root}/log.txt -w start");
        _running = true;
    }

    /// <summary>Stops the cluster at once (fast shutdown: open connections are terminated), as an outage would.</summary>
    public async Task StopAsync()
    {
        await ToolAsync("pg_ctl", $"-D {DataDirectory} -m fast -w stop");
        _running = false;
    }

    public async ValueTask DisposeAsync()
    {
        if (_running)
        {
            await ToolAsync("pg_ctl", $"-D {DataDirectory} -m immediate stop");
        }

        Directory.Delete(_root, recursive: true);
    }

    private Task ToolAsync(string tool, string arguments) => TestPostgres.RunToolAsync(_bin!, tool, arguments, _asRoot);
}
