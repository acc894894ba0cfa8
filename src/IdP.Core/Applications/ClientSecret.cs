namespace IdP.Core.Applications;

/// <summary>
/// One client secret of an application. Only its hash is stored, with the first characters as a hint (as B2C shows
/// them), so a secret is shown once, when it is made, and never again.
/// </summary>
public sealed class ClientSecret
{
    /// <summary>The id an operator removes the secret by.</summary>
    public Guid Id { get; set; }

    /// <summary>The application the secret authenticates.</summary>
    public Guid ApplicationId { get; set; }

    /// <summary>The hash, in the format <see cref="ClientSecretHasher"/> writes (algorithm first).</summary>
    public required string Hash { get; set; }

    /// <summary>The secret's first three characters, so operators can tell secrets apart.</summary>
    public required string Hint { get; set; }

    /// <summary>The operator's note on what the secret is for.</summary>
    public string? Description { get; set; }

    /// <summary>Who made it: configuration secrets are replaced by the next start's configuration, generated ones stay.</summary>
    public ClientSecretSource Source { get; set; }

    /// <summary>When the secret was made.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>After this instant the secret no longer authenticates; null for configured secrets without an expiry.</summary>
    /// <remarks>
    /// Kept in UTC whatever offset it was given in (the admin API, configuration): PostgreSQL refuses to store another
    /// offset, and SQLite stores the clock time, which would not compare as an instant with every other time.
    /// </remarks>
    public DateTimeOffset? ExpiresAt { get; set => field = value?.ToUniversalTime(); }

    /// <summary>True when the secret authenticates at <paramref name="now"/>.</summary>
    public bool IsActiveAt(DateTimeOffset now) => ExpiresAt is null || now < ExpiresAt;
}

/// <summary>Where a client secret came from.</summary>
public enum ClientSecretSource
{
    /// <summary>Made by the server and shown once (the admin API, the CLI).</summary>
    Generated = 0,

    /// <summary>Chosen by the operator in <c>IdP:Applications</c>.</summary>
    Configuration = 1,
}
