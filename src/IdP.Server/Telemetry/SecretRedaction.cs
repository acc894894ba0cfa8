using System.Text.RegularExpressions;

namespace IdP.Server.Telemetry;

/// <summary>
/// What no log entry may carry, whatever level its category runs at, removed from every entry before any provider sees
/// it. OpenIddict writes tokens (<c>{Token}</c>, <c>{Payload}</c>), authorization codes (<c>{ReferenceId}</c>) and whole
/// requests at Trace, Debug and Information, and its own redaction of requests misses <c>code_verifier</c>; a request
/// URL in a framework log can carry an <c>id_token_hint</c>. The log levels in <see cref="Hosting.ServerHostDefaults"/>
/// keep most of this from being written at all; this holds when an operator lowers them to debug something.
/// </summary>
internal static partial class SecretRedaction
{
    public const string Redacted = "[redacted]";

    // Placeholders whose value is a secret in OpenIddict's messages ({Identifier} is a database id, not a secret).
    private static readonly HashSet<string> SecretPlaceholders = new(StringComparer.Ordinal) { "Token", "Payload", "ReferenceId", "Value" };

    /// <summary>True when a message's values must be checked against <see cref="SecretPlaceholders"/>.</summary>
    public static bool HasSecretPlaceholders(string category) => category.StartsWith("OpenIddict", StringComparison.Ordinal);

    /// <summary>True when <paramref name="placeholder"/> holds a secret in <paramref name="category"/>'s messages.</summary>
    public static bool IsSecretPlaceholder(string category, string placeholder) =>
        HasSecretPlaceholders(category) && SecretPlaceholders.Contains(placeholder);

    /// <summary>
    /// <paramref name="text"/> without tokens (anything shaped like a JWT or JWE) and without the values of protocol
    /// parameters that carry secrets, whether written as JSON (a logged request) or as a query or form string.
    /// </summary>
    public static string Text(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length < 6)
        {
            return text;
        }

        text = Jwt().Replace(text, Redacted);
        text = JsonParameter().Replace(text, m => $"\"{m.Groups["name"].Value}\": \"{Redacted}\"");
        return QueryParameter().Replace(text, m => m.Groups["prefix"].Value + Redacted);
    }

    /// <summary>A log value as a string, for the checks above.</summary>
    public static string? AsText(object? value) => value switch
    {
        null => null,
        string s => s,
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    // Header.Payload.Signature (JWS) or five parts (JWE); the header always starts with {" base64url-encoded.
    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]{4,}(?:\.[A-Za-z0-9_-]*){2,4}", RegexOptions.CultureInvariant)]
    private static partial Regex Jwt();

    [GeneratedRegex(@"""(?<name>code|code_verifier|client_secret|client_assertion|assertion|password|device_code|user_code|token|[a-z_]*_token|id_token_hint)""\s*:\s*""[^""]*""", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex JsonParameter();

    [GeneratedRegex(@"(?<prefix>(?:^|[?&;\s])(?:code|code_verifier|client_secret|client_assertion|assertion|password|device_code|user_code|token|[a-z_]*_token|id_token_hint)=)[^&\s#""']+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex QueryParameter();
}

/// <summary>The logger factory every <see cref="ILogger"/> comes from, passing each entry through <see cref="SecretRedaction"/>.</summary>
internal sealed class RedactingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new RedactingLogger(categoryName, inner.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();

    private sealed class RedactingLogger(string category, ILogger inner) : ILogger
    {
        private const string OriginalFormat = "{OriginalFormat}";

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel))
            {
                return;
            }

            ArgumentNullException.ThrowIfNull(formatter);
            var message = formatter(state, exception);
            if (state is not IReadOnlyList<KeyValuePair<string, object?>> pairs)
            {
                var clean = SecretRedaction.Text(message);
                if (ReferenceEquals(clean, message) || clean == message)
                {
                    inner.Log(logLevel, eventId, state, exception, formatter);
                }
                else
                {
                    inner.Log(logLevel, eventId, new RedactedState([], clean), exception, static (s, _) => s.Message);
                }

                return;
            }

            var values = new List<KeyValuePair<string, object?>>(pairs.Count);
            foreach (var (key, value) in pairs)
            {
                if (key == OriginalFormat || value is null || value is bool || value is int || value is long || value is Guid || value is Enum)
                {
                    values.Add(new(key, value));
                    continue;
                }

                var text = SecretRedaction.AsText(value) ?? "";
                if (SecretRedaction.IsSecretPlaceholder(category, key))
                {
                    if (text.Length > 0)
                    {
                        message = message.Replace(text, SecretRedaction.Redacted, StringComparison.Ordinal);
                    }

                    values.Add(new(key, SecretRedaction.Redacted));
                    continue;
                }

                var redacted = SecretRedaction.Text(text);
                values.Add(new(key, redacted == text ? value : redacted));
            }

            inner.Log(logLevel, eventId, new RedactedState(values, SecretRedaction.Text(message)), exception, static (s, _) => s.Message);
        }
    }

    /// <summary>An entry's structured values and message after redaction; providers read either.</summary>
    private sealed class RedactedState(IReadOnlyList<KeyValuePair<string, object?>> values, string message) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public string Message { get; } = message;

        public int Count => values.Count;

        public KeyValuePair<string, object?> this[int index] => values[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => values.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => Message;
    }
}
