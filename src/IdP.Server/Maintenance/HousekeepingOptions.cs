namespace IdP.Server.Maintenance;

/// <summary>Bound from <c>IdP:Maintenance</c>: how often expired rows are removed.</summary>
public sealed class HousekeepingOptions
{
    public const string Section = "IdP:Maintenance";

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long expired or used rows are kept before removal (for support and audits of recent problems).</summary>
    [Range(typeof(TimeSpan), "01:00:00", "90.00:00:00")]
    public TimeSpan Grace { get; set; } = TimeSpan.FromDays(1);

    /// <summary>OpenIddict tokens and authorizations that ended are kept this long (then pruned).</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "365.00:00:00")]
    public TimeSpan TokenRetention { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Sent emails (bodies already erased) are kept this long.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "365.00:00:00")]
    public TimeSpan SentMailRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Audit events (sign-ins, resets, admin changes) are kept this long, then removed.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan AuditRetention { get; set; } = TimeSpan.FromDays(90);
}
