namespace IdP.Core.Journeys;

/// <summary>
/// One pending authorization request while the user is on our pages (sign in, password reset). It lives in the
/// database so any node can continue it and a restart loses nothing; the pages carry only its random id, and a
/// browser-binding cookie ties it to the browser that started it.
/// </summary>
public sealed class AuthorizationJourney
{
    /// <summary>Random, URL-safe, 128 bits: the <c>tx</c> parameter of our pages.</summary>
    public required string Id { get; set; }

    /// <summary>SHA-256 of the browser-binding cookie that must accompany every step.</summary>
    public required string BindingHash { get; set; }

    /// <summary>The user flow's name as stored.</summary>
    public required string Policy { get; set; }

    /// <summary>The tenant path segment the app used (name, domain or id), so our URLs keep the app's form.</summary>
    public required string TenantSegment { get; set; }

    /// <summary>Path and query of the app's authorize request, replayed once the user is done.</summary>
    public required string AuthorizeUrl { get; set; }

    /// <summary>
    /// <see cref="AuthorizeRequestFingerprint"/> of the app's request: the authorize endpoint completes the journey only
    /// for a request with the same parameters.
    /// </summary>
    public required string RequestFingerprint { get; set; }

    /// <summary>The app's <c>client_id</c>: the authorize endpoint completes the journey only for the same app.</summary>
    public string? ClientId { get; set; }

    /// <summary>Where the journey stands; every change is a compare-and-set on <see cref="Version"/>.</summary>
    public JourneyStatus Status { get; set; } = JourneyStatus.Pending;

    /// <summary>Set when the user has authenticated (signed in, or reset the password).</summary>
    public Guid? AccountId { get; set; }

    /// <summary>When credentials were last proven: the token's <c>auth_time</c>.</summary>
    public DateTimeOffset? AuthenticatedAt { get; set; }

    /// <summary>
    /// The account's security stamp when the user authenticated. A password change (reset) rotates the stamp, so a
    /// journey finished before it can no longer yield tokens.
    /// </summary>
    public string? SecurityStamp { get; set; }

    /// <summary>
    /// Set while the journey waits for this account to choose a new password: it proved its current one on a flow with
    /// "Forced password reset" on and is marked to change it. The journey stays <see cref="JourneyStatus.Pending"/>, so
    /// nothing signs in until the change is made.
    /// </summary>
    public Guid? PasswordChangeAccountId { get; set; }

    /// <summary>
    /// The account's security stamp when it proved its password for <see cref="PasswordChangeAccountId"/>: any change
    /// of the account since (a reset, an administrator) ends the right to set a new password here.
    /// </summary>
    public string? PasswordChangeStamp { get; set; }

    /// <summary>
    /// The user ticked "Keep me signed in" with the password that led to <see cref="PasswordChangeAccountId"/>: the
    /// forced change finishes the sign-in with the session the user chose, on whichever node and after a restart.
    /// </summary>
    public bool KeepMeSignedIn { get; set; }

    /// <summary>
    /// Set while the journey waits for this account's second factor: it proved its password on a flow with MFA Always
    /// on (<see cref="SignIn.Multifactor"/>). The journey stays <see cref="JourneyStatus.Pending"/>, so nothing signs in
    /// until the emailed code is entered.
    /// </summary>
    public Guid? MultifactorAccountId { get; set; }

    /// <summary>The account's security stamp when it proved its password for <see cref="MultifactorAccountId"/>: any change since ends the step.</summary>
    public string? MultifactorStamp { get; set; }

    /// <summary>
    /// <see cref="MultifactorAccountId"/> entered its emailed code in this journey: a forced password change that follows
    /// still finishes a sign-in with the second factor.
    /// </summary>
    public bool MultifactorVerified { get; set; }

    /// <summary>When the app's authorize request started the journey.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>After this the journey can no longer be continued (<see cref="SignIn.SignInOptions.JourneyLifetime"/> after it started).</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>Optimistic concurrency: two tabs or nodes cannot both complete the same journey.</summary>
    public Guid Version { get; set; }
}

/// <summary>Where a journey stands. Every state but Pending is the user's final answer, which the authorize endpoint acts on once (then Completed).</summary>
public enum JourneyStatus
{
    /// <summary>The user is still on our pages.</summary>
    Pending = 0,

    /// <summary>The user signed in (or reset the password); the authorize endpoint issues tokens unless the account changed since.</summary>
    Authenticated = 1,

    /// <summary>The user cancelled; the app receives AADB2C90091.</summary>
    Cancelled = 2,

    /// <summary>The user chose "forgot password" on a hand-off flow; the app receives AADB2C90118.</summary>
    ForgotPassword = 3,

    /// <summary>The authorize endpoint has answered the app; the journey cannot be used again.</summary>
    Completed = 4,
}
