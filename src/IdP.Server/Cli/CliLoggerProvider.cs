namespace IdP.Server.Cli;

/// <summary>
/// Logging while a command runs: warnings and errors only, one line each on the command's error stream, never an
/// exception's stack trace; stdout stays for what the command prints. Database errors are left out: the command reports
/// them itself, once.
/// </summary>
internal sealed class CliLoggerProvider(TextWriter error) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new CliLogger(error, categoryName.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));

    public void Dispose()
    {
    }

    private sealed class CliLogger(TextWriter error, bool silenced) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => !silenced && logLevel >= LogLevel.Warning && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            if (IsEnabled(logLevel))
            {
                lock (error)
                {
                    error.WriteLine($"{(logLevel == LogLevel.Warning ? "warning" : "error")}: {formatter(state, exception)}");
                }
            }
        }
    }
}
