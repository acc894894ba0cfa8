namespace IdP.Server.Keys;

/// <summary>Bound from <c>IdP:Keys</c>: how often token keys rotate and how long they are published around it.</summary>
public sealed class KeyOptions
{
    public const string Section = "IdP:Keys";

    /// <summary>How long a key signs before its successor takes over.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan SigningPeriod { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How long a successor is published in JWKS before it signs: longer than any relying party caches keys (B2C advises 24 h).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan PublishAhead { get; set; } = TimeSpan.FromDays(2);

    /// <summary>How long a retired key still validates: the longest lifetime of a token it protected (refresh tokens: 90 days).</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "400.00:00:00")]
    public TimeSpan KeepAfterRetirement { get; set; } = TimeSpan.FromDays(91);

    /// <summary>How often each node re-reads the key table, so a rotation made by one node reaches all.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(5);
}
