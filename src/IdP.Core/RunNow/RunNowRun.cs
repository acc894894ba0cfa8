namespace IdP.Core.RunNow;

/// <summary>
/// One "Run now" of a user flow, from the run-now URL to the viewer: what the viewer checks the flow's response
/// against. Held in the database, keyed by <c>state</c>, so a restart or another node can finish the run; tied to the
/// browser that started it and usable once.
/// </summary>
public sealed class RunNowRun
{
    /// <summary>The <c>state</c> sent to the authorize endpoint: random, URL-safe, 256 bits.</summary>
    public required string State { get; set; }

    /// <summary>SHA-256 of the browser-binding cookie of the browser that started the run.</summary>
    public required string BindingHash { get; set; }

    /// <summary>The <c>nonce</c> the ID token must echo.</summary>
    public required string Nonce { get; set; }

    /// <summary>The user flow's name as stored.</summary>
    public required string Policy { get; set; }

    /// <summary>The tenant path segment the run used, so the viewer builds the same flow URLs.</summary>
    public required string TenantSegment { get; set; }

    /// <summary>The application the run is for: the ID token's expected audience, and the client a code is redeemed as.</summary>
    public required string ClientId { get; set; }

    /// <summary>Where the flow sends its response; a code is redeemed with the same value.</summary>
    public required string RedirectUri { get; set; }

    /// <summary><c>id_token</c> or <c>code</c>.</summary>
    public required string ResponseType { get; set; }

    /// <summary>The PKCE verifier of a code run, encrypted with Data Protection by the server.</summary>
    public string? ProtectedCodeVerifier { get; set; }

    /// <summary>Path and query of the run-now request, for the viewer's "Run again" link.</summary>
    public required string RunAgainUrl { get; set; }

    /// <summary>When the run started.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>After this the viewer refuses the run's response (<see cref="RunNowOptions.RunLifetime"/> after it started).</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>When the viewer showed the run's response; a run is shown once.</summary>
    public DateTimeOffset? CompletedAt { get; set; }
}
