namespace IdP.Server.Tests.Cli;

/// <summary>What the binary does with its arguments before any database is involved: server or command, help, and a database it cannot reach.</summary>
public sealed class CliWithoutServerTests
{
    [Theory]
    [InlineData(new string[0], false)]
    [InlineData(new[] { "--urls", "http://127.0.0.1:5000" }, false)]
    [InlineData(new[] { "--urls=http://127.0.0.1:5000", "--environment=Development" }, false)]
    [InlineData(new[] { "/urls", "http://127.0.0.1:5000" }, false)]
    [InlineData(new[] { "IdP:Demo:Enabled=false" }, false)]
    [InlineData(new[] { "admin", "create" }, true)]
    [InlineData(new[] { "migrate" }, true)]
    [InlineData(new[] { "--help" }, true)]
    [InlineData(new[] { "frobnicate" }, true)]
    public void Settings_start_the_server_and_words_run_a_command(string[] args, bool command) =>
        Assert.Equal(command, IdPCli.IsCommand(args));

    [Fact]
    public async Task Help_lists_every_command()
    {
        var (exitCode, output, _) = await RunAsync(["--help"], new Dictionary<string, string?>());

        Assert.Equal(CliExit.Ok, exitCode);
        foreach (var command in new[] { "admin", "apps", "flows", "users", "migrate", "keys", "settings" })
        {
            Assert.Matches($@"(?m)^\s+{command}\s", output);
        }
    }

    [Fact]
    public async Task A_database_it_cannot_reach_is_one_line_without_the_password_or_a_stack_trace()
    {
        var (exitCode, _, error) = await RunAsync(["migrate"], new Dictionary<string, string?>
        {
            ["IdP:Database:Provider"] = "PostgreSQL",
            ["ConnectionStrings:IdP"] = $"Host=127.0.0.1;Port={LoopbackPort.Free()};Database=idp;Username=idp;Password=hunter2-not-logged;Timeout=3",
        });

        Assert.Equal(CliExit.Failed, exitCode);
        Assert.StartsWith("error: the database could not be used: ", error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("hunter2", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_configuration_names_the_setting()
    {
        var (exitCode, _, error) = await RunAsync(["migrate"], new Dictionary<string, string?> { ["IdP:Keys:SigningPeriod"] = "00:00:01" });

        Assert.Equal(CliExit.Failed, exitCode);
        Assert.StartsWith("error: the configuration is invalid: ", error, StringComparison.Ordinal);
        Assert.Contains("SigningPeriod", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_outside_Development_does_not_ask_for_AllowedHosts()
    {
        // The Host-header rule is the web server's: a command answers no request. appsettings.json says "*".
        var folder = Directory.CreateTempSubdirectory("idp-cli-production-").FullName;
        var (exitCode, output, error) = await RunAsync(["migrate"], new Dictionary<string, string?>
        {
            ["ConnectionStrings:IdP"] = $"Data Source={Path.Combine(folder, "idp.db")}",
        }, Environments.Production);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools(); // Pooled connections keep the file open.
        Directory.Delete(folder, recursive: true);

        Assert.True(exitCode == CliExit.Ok, error);
        Assert.Contains("database is up to date", output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Out, string Error)> RunAsync(string[] args, Dictionary<string, string?> settings, string environment = "Development")
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await IdPCli.RunAsync(args, new CliConsole(TextReader.Null, output, error, _ => null), new CliHostOptions { Settings = settings, EnvironmentName = environment });
        return (exitCode, output.ToString(), error.ToString());
    }
}
