namespace IdP.Server.Cli;

/// <summary>
/// Where a command reads and writes: the process's standard streams and environment, or (in tests, which run commands
/// in-process and in parallel) writers that capture the output and a dictionary standing in for the environment.
/// </summary>
public sealed record CliConsole(TextReader In, TextWriter Out, TextWriter Error, Func<string, string?> Environment)
{
    /// <summary>The process's own console and environment variables.</summary>
    public static CliConsole Standard => new(Console.In, Console.Out, Console.Error, System.Environment.GetEnvironmentVariable);
}
