namespace IdP.Core.Limits;

/// <summary>
/// One fixed-window counter of one abuse limit for one client address or network. Keyed by a hash of the limit, the
/// client and the window, so the table holds no addresses in clear and old windows simply stop being read; rows go
/// once their window ended.
/// </summary>
public sealed class RateLimitCounter
{
    /// <summary>Hex SHA-256 of the limit, the scope, the client and the window's start.</summary>
    public required string Key { get; set; }

    /// <summary>Hits in the window so far (counted also while refused, so a flood stays refused).</summary>
    public int Count { get; set; }

    /// <summary>When the window ends: the counter counts for nothing after it and housekeeping deletes it.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
}
