namespace IdP.Server.Tests.Clients;

/// <summary>What a finished (or stopped) child process printed, stdout and stderr interleaved as they came.</summary>
public sealed record ProcessOutcome(int? ExitCode, string Output)
{
    public bool Succeeded => ExitCode == 0;
}

/// <summary>Runs <c>node</c> and <c>npm</c> (found on PATH) with a deadline, so a hung browser cannot hang the suite.</summary>
public static class NodeProcess
{
    /// <summary>Runs the command; after <paramref name="timeout"/> kills it with its children and returns a null exit code.</summary>
    public static async Task<ProcessOutcome> RunAsync(string command, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(environment);
        var start = new ProcessStartInfo(command)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        // Plain text for the test log: no colour escapes from node's reporter, npm or Playwright's call logs (which
        // honour only FORCE_COLOR=0).
        start.Environment.Remove("NO_COLOR");
        start.Environment["FORCE_COLOR"] = "0";

        var output = new StringBuilder();
        void Append(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(e.Data);
            }
        }

        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += Append;
        process.ErrorDataReceived += Append;
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {command}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(timeout);
        int? exitCode;
        try
        {
            await process.WaitForExitAsync(deadline.Token);
            exitCode = process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            exitCode = null;
            lock (output)
            {
                output.AppendLine($"[stopped: {command} ran longer than {timeout}]");
            }
        }

        // WaitForExitAsync returns only once the redirected streams are drained, so no line is missed.
        lock (output)
        {
            return new ProcessOutcome(exitCode, output.ToString());
        }
    }
}
