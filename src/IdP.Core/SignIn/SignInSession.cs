namespace IdP.Core.SignIn;

/// <summary>
/// One browser's single-sign-on session, kept server-side: the cookie only names it, so ending the row (sign-out, an
/// administrator, a password reset) ends the session even for a copy of the cookie, and an account's sessions can be
/// listed and revoked.
/// </summary>
public sealed class SignInSession
{
    /// <summary>The id the session cookie carries.</summary>
    public Guid Id { get; set; }

    /// <summary>The account signed in.</summary>
    public Guid AccountId { get; set; }

    /// <summary>When the credentials were entered (the tokens' <c>auth_time</c>).</summary>
    public DateTimeOffset AuthenticatedAt { get; set; }

    /// <summary>The last time the session was used (updated at most once a minute).</summary>
    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>The absolute end, however often a rolling session is used.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>When it was ended (sign-out, revoked), or null while it stands.</summary>
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>The client address that signed in, for the account's session list.</summary>
    public string? IpAddress { get; set; }

    /// <summary>The browser that signed in (truncated), for the account's session list.</summary>
    public string? UserAgent { get; set; }

    /// <summary>
    /// The client ids of the applications the session signed in to (with the password or silently), in
    /// <see cref="SingleSignOn"/>'s list form: what a flow whose single sign-on configuration is Application asks.
    /// </summary>
    public string UsedByApplications { get; set; } = "";

    /// <summary>The ids of the user flows the session signed in on, in <see cref="SingleSignOn"/>'s list form (Policy scope).</summary>
    public string UsedOnFlows { get; set; } = "";

    /// <summary>
    /// True when the session began with a second factor (<see cref="Multifactor"/>): an emailed code after the password,
    /// or a password reset, which proves the same mailbox. Only such a session answers a flow with MFA Always on.
    /// </summary>
    public bool MultifactorAuthenticated { get; set; }
}
