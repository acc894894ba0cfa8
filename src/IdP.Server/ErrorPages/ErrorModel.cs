namespace IdP.Server.ErrorPages;

/// <summary>What an error page shows: a title, a message, B2C's code when there is one, and how to report it.</summary>
public sealed record ErrorModel(string Title, string Message, string? Code, string CorrelationId, DateTimeOffset Timestamp)
{
    /// <summary>Extra guidance, e.g. how a developer fixes a configuration error.</summary>
    public string? Help { get; init; }
}
