namespace IdP.Server.Tests.Infrastructure;

/// <summary>
/// A logger provider that keeps every formatted log message, for tests about what is (not) logged. Given to a server
/// with <see cref="IdPFactory.Attach"/>, it receives that server's logs.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider, IServerPart
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();

    public IReadOnlyList<CapturedLog> Entries => [.. _entries];

    /// <summary>Every entry as one line: category, message and exception, for "is this secret anywhere" checks.</summary>
    public IReadOnlyList<string> Messages => [.. _entries.Select(e => $"{e.Category}: {e.Message} {e.Exception}")];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    /// <summary>What <paramref name="factory"/>'s server logs while it starts (it is disposed afterwards).</summary>
    public static async Task<IReadOnlyList<CapturedLog>> DuringStartupAsync(IdPFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var logs = factory.Attach(new CapturedLogs());
        try
        {
            await factory.InitializeAsync();
            return logs.Entries;
        }
        finally
        {
            await factory.DisposeAsync();
        }
    }

    public void Configure(IdPFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        factory.WithServices(services => services.AddSingleton<ILoggerProvider>(this));
    }

    public Task StartAsync() => Task.CompletedTask;

    public void Dispose()
    {
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class Logger(string category, ConcurrentQueue<CapturedLog> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            entries.Enqueue(new CapturedLog(category, logLevel, eventId.Id, formatter(state, exception)) { Exception = exception?.ToString() });
        }
    }
}

/// <summary>One log message.</summary>
public sealed record CapturedLog(string Category, LogLevel Level, int EventId, string Message)
{
    public string? Exception { get; init; }
}
