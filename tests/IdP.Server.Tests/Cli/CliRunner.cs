using Microsoft.Extensions.Configuration;

namespace IdP.Server.Tests.Cli;

/// <summary>What a command printed and how it exited.</summary>
public sealed record CliOutcome(int ExitCode, string Out, string Error)
{
    /// <summary>The command succeeded; shows what it printed otherwise.</summary>
    public CliOutcome ExpectOk()
    {
        Assert.True(ExitCode == CliExit.Ok, $"exit {ExitCode}\n{Out}\n{Error}");
        return this;
    }

    /// <summary>
    /// The command failed with <paramref name="exitCode"/>, an <c>error:</c> line on stderr (after the server's own
    /// start-up warnings, if any) and no stack trace.
    /// </summary>
    public CliOutcome ExpectFailure(int exitCode = CliExit.Failed)
    {
        Assert.True(ExitCode == exitCode, $"exit {ExitCode}, expected {exitCode}\n{Out}\n{Error}");
        Assert.Matches("(?m)^error: ", Error);
        Assert.DoesNotContain("   at ", Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception:", Error, StringComparison.Ordinal);
        return this;
    }
}

/// <summary>
/// Runs the server binary's commands in-process, as <c>dotnet IdP.Server.dll …</c> would run them beside a test server:
/// the same IdP settings (its database, tenant, keys schedule), the same environment and its clock, and the command's
/// standard streams captured.
/// </summary>
public sealed class CliRunner(IdPFactory server)
{
    private readonly Dictionary<string, string?> _overrides = new(StringComparer.Ordinal);

    /// <summary>Extra settings for every command this runner starts (a fresh database's connection string…).</summary>
    public CliRunner With(string key, string? value)
    {
        _overrides[key] = value;
        return this;
    }

    /// <summary>Runs the command; <paramref name="stdin"/> is its standard input, <paramref name="environment"/> its environment variables.</summary>
    public async Task<CliOutcome> RunAsync(string[] args, string stdin, IReadOnlyDictionary<string, string>? environment = null)
    {
        var configuration = server.Services.GetRequiredService<IConfiguration>();
        var settings = configuration.AsEnumerable()
            .Where(s => s.Value is not null && (s.Key.StartsWith("IdP:", StringComparison.Ordinal) || s.Key.StartsWith("ConnectionStrings:", StringComparison.Ordinal) || s.Key == "AllowedHosts"))
            .ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
        foreach (var (key, value) in _overrides)
        {
            settings[key] = value;
        }

        using var input = new StringReader(stdin);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole(input, output, error, name => environment?.GetValueOrDefault(name));
        var exitCode = await IdPCli.RunAsync(args, console, new CliHostOptions
        {
            Settings = settings,
            EnvironmentName = server.Services.GetRequiredService<IHostEnvironment>().EnvironmentName,
            Services = services => services.AddSingleton<TimeProvider>(server.Clock),
        });
        return new CliOutcome(exitCode, output.ToString(), error.ToString());
    }

    public Task<CliOutcome> RunAsync(params string[] args) => RunAsync(args, "");
}
