namespace IdP.Server.Tests.Telemetry;

/// <summary>
/// Every log category switched to Trace, and every entry kept whole: its formatted message, each structured value
/// (what a JSON or OTLP exporter would write, formatted or not), its scopes and its exception. What "nothing secret
/// ever reaches a log" is checked against.
/// </summary>
public sealed class EverythingLogged : ILoggerProvider, ISupportExternalScope, IServerPart
{
    /// <summary>Categories that configuration or the server's code would otherwise hold at a higher level.</summary>
    private static readonly string[] Categories =
    [
        "Default", "OpenIddict", "Microsoft", "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "Microsoft.Extensions",
        "System", "System.Net.Http", "Npgsql", "IdP",
    ];

    private readonly ConcurrentQueue<LoggedEntry> _entries = new();
    private IExternalScopeProvider? _scopes;

    public IReadOnlyList<LoggedEntry> Entries => [.. _entries];

    public void Configure(IdPFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        foreach (var category in Categories)
        {
            factory.With($"Logging:LogLevel:{category}", "Trace");
        }

        factory.WithServices(services => services.AddSingleton<ILoggerProvider>(this));
    }

    public Task StartAsync() => Task.CompletedTask;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class Logger(string category, EverythingLogged owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            var values = new StringBuilder();
            Describe(state, values);
            var scopes = new Dictionary<string, string>(StringComparer.Ordinal);
            var scopeText = new StringBuilder();
            owner._scopes?.ForEachScope(
                (scope, _) =>
                {
                    Describe(scope, scopeText);
                    if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                    {
                        foreach (var (key, value) in pairs)
                        {
                            scopes[key] = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
                        }
                    }
                },
                (object?)null);
            owner._entries.Enqueue(new LoggedEntry(category, logLevel, eventId.Id, formatter(state, exception), values.ToString(), scopeText.ToString(), scopes, exception?.ToString()));
        }

        private static void Describe(object? state, StringBuilder into)
        {
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var (key, value) in pairs)
                {
                    into.Append(key).Append('=').Append(Convert.ToString(value, CultureInfo.InvariantCulture)).Append(' ');
                }
            }
            else
            {
                into.Append(state).Append(' ');
            }
        }
    }
}

/// <summary>One log entry as every exporter could write it.</summary>
public sealed record LoggedEntry(string Category, LogLevel Level, int EventId, string Message, string Values, string ScopeText, IReadOnlyDictionary<string, string> Scopes, string? Exception)
{
    /// <summary>Everything the entry carries, as one string.</summary>
    public string Everything => $"{Category} {Message} {Values} {ScopeText} {Exception}";
}
