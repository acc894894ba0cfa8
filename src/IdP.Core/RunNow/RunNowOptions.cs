namespace IdP.Core.RunNow;

/// <summary>Bound from <c>IdP:RunNow</c>: the "Run now" test URL of every user flow and its built-in token viewer.</summary>
public sealed class RunNowOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string Section = "IdP:RunNow";

    /// <summary>Serve the run-now endpoints, the viewer and the list page, and keep the built-in application registered.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long a run (its state, nonce and PKCE verifier) waits for the flow's response.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "1.00:00:00")]
    public TimeSpan RunLifetime { get; set; } = TimeSpan.FromHours(1);
}
