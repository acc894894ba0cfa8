using Npgsql;

namespace IdP.Server.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server the tests use: <c>IDP_TEST_POSTGRES</c> when set (a connection string with rights to create
/// databases), otherwise a throwaway cluster started from the machine's binaries in a temp folder on a free port and
/// removed when the test process exits. Each test class gets a fresh database on it.
/// </summary>
public static class TestPostgres
{
    private static readonly Lazy<Task<string>> Server = new(StartAsync);
    private static string? _binDirectory;

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var admin = await Server.Value;
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)].ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = true }.ConnectionString;
    }

    /// <summary>Drops a database <see cref="CreateDatabaseAsync"/> made, closing the connections still open on it.</summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using var connection = new NpgsqlConnection(await Server.Value);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("IDP_TEST_POSTGRES") is { Length: > 0 } configured)
        {
            return configured;
        }

        _binDirectory = FindBinaries();
        var asRoot = Environment.UserName == "root";
        await OwnedTempFolders.RemoveAbandonedAsync("idp-pg-", folder => StopClusterAsync(folder, asRoot));
        var root = OwnedTempFolders.Create("idp-pg-");
        var data = Path.Combine(root, "data");
        var port = LoopbackPort.Free();
        if (asRoot)
        {
            // initdb and postgres refuse to run as root: the cluster belongs to the postgres system user.
            await RunAsync("chown", $"-R postgres {root}");
        }

        await RunPostgresToolAsync("initdb", $"-D {data} -U idp -A trust -E UTF8 --no-sync", asRoot);
        await RunPostgresToolAsync("pg_ctl", $"-D {data} -o \"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300\" -l {root}/log.txt -w start", asRoot);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            StopClusterAsync(root, asRoot).GetAwaiter().GetResult();
            Directory.Delete(root, recursive: true);
        };
        return $"Host=127.0.0.1;Port={port};Username=idp;Database=postgres;Pooling=false;Timeout=30";
    }

    /// <summary>Stops the cluster in <paramref name="root"/> (this run's at exit, or one an ended run left behind), if it runs.</summary>
    private static async Task StopClusterAsync(string root, bool asRoot)
    {
        var data = Path.Combine(root, "data");
        if (File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            try
            {
                await RunPostgresToolAsync("pg_ctl", $"-D {data} -m immediate -w stop", asRoot);
            }
            catch (InvalidOperationException)
            {
                // A stale pid file: the server had already stopped.
            }
        }
    }

    internal static string FindBinaries()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d, StringComparer.Ordinal).Select(d => Path.Combine(d, "bin"))
            : [];
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException("No PostgreSQL server binaries found under /usr/lib/postgresql (install postgresql), and IDP_TEST_POSTGRES is not set.");
    }

    private static Task RunPostgresToolAsync(string tool, string arguments, bool asRoot) => RunToolAsync(_binDirectory!, tool, arguments, asRoot);

    /// <summary>Runs a PostgreSQL tool from <paramref name="bin"/>; as root, as the postgres user (the server refuses root).</summary>
    internal static Task RunToolAsync(string bin, string tool, string arguments, bool asRoot)
    {
        var path = Path.Combine(bin, tool);
        return asRoot ? RunAsync("runuser", $"-u postgres -- {path} {arguments}") : RunAsync(path, arguments);
    }

    internal static async Task RunAsync(string file, string arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {await stdout} {await stderr}");
        }
    }
}
