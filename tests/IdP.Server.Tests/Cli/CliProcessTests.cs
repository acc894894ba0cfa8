namespace IdP.Server.Tests.Cli;

/// <summary>
/// The commands as scripts and containers run them: <c>dotnet IdP.Server.dll COMMAND …</c> from another folder, with
/// its configuration from environment variables, its password on standard input, and its exit code and streams read.
/// </summary>
public sealed class CliProcessTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("idp-cli-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A process that has not quite let go of the database file: the temp folder is cleaned up later.
        }
    }

    [Fact]
    public async Task Admin_create_then_the_same_again_then_a_wrong_value_exit_0_1_2_with_plain_messages()
    {
        var email = $"admin-{Guid.NewGuid():N}@example.com";

        var created = await RunAsync(["admin", "create", "--email", email, "--password-stdin"], "Purple-Otter-Dances-42\n");
        var again = await RunAsync(["admin", "create", "--email", email, "--password-stdin"], "Purple-Otter-Dances-42\n");
        var wrong = await RunAsync(["settings", "password-reset", "Sometimes"], "");

        Assert.True(created.ExitCode == CliExit.Ok, created.Error);
        Assert.StartsWith($"Created administrator {email} (id ", created.Out, StringComparison.Ordinal);
        Assert.Equal(CliExit.Failed, again.ExitCode);
        Assert.Contains($"error: --email: ", again.Error, StringComparison.Ordinal);
        Assert.Equal(CliExit.Usage, wrong.ExitCode);
        Assert.StartsWith("error: MODE: 'Sometimes' is not one of: None, Selected, All.", wrong.Error, StringComparison.Ordinal);
        foreach (var outcome in new[] { created, again, wrong })
        {
            Assert.DoesNotContain("   at ", outcome.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("Purple-Otter", outcome.Out + outcome.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Admin_grant_and_revoke_from_the_built_binary_print_what_they_did_and_exit_1_on_refusal()
    {
        var email = $"admin-{Guid.NewGuid():N}@example.com";
        Assert.Equal(CliExit.Ok, (await RunAsync(["admin", "create", "--email", email, "--password-stdin"], "Purple-Otter-Dances-42\n")).ExitCode);

        var again = await RunAsync(["admin", "grant", email], "");
        var last = await RunAsync(["admin", "revoke", email], "");
        var unknown = await RunAsync(["admin", "grant", "nobody@example.com"], "");

        Assert.True(again.ExitCode == CliExit.Ok, again.Error);
        Assert.Contains($"{email} (id ", again.Out, StringComparison.Ordinal);
        Assert.Contains("already holds the role IdP.Administrator", again.Out, StringComparison.Ordinal);
        Assert.Equal(CliExit.Failed, last.ExitCode);
        Assert.Equal("error: This is the last administrator: make another account an administrator first.", last.Error.Trim());
        Assert.Equal(CliExit.Failed, unknown.ExitCode);
        Assert.Equal("error: SIGN-IN-NAME: no account signs in with 'nobody@example.com'.", unknown.Error.Trim());
        foreach (var outcome in new[] { again, last, unknown })
        {
            Assert.DoesNotContain("   at ", outcome.Error, StringComparison.Ordinal);
        }
    }

    private async Task<(int ExitCode, string Out, string Error)> RunAsync(string[] args, string stdin)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(RepositoryPaths.ServerBuild, "IdP.Server.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__IdP"] = $"Data Source={Path.Combine(_folder, "idp.db")}";
        start.Environment["IdP__Demo__Enabled"] = "false";
        start.Environment.Remove("ASPNETCORE_CONTENTROOT");
        start.Environment.Remove("DOTNET_CONTENTROOT");
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
