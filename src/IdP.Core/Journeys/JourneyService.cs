namespace IdP.Core.Journeys;

/// <summary>
/// Keeps pending authorization requests while the user is on our pages. Every read checks the browser binding and
/// expiry; every state change is a compare-and-set on <see cref="AuthorizationJourney.Version"/>, so a journey ends once.
/// A finished journey yields tokens only for the request that started it and only while the account is unchanged.
/// </summary>
public sealed class JourneyService(IIdPDbContext db, AccountStanding standing, TimeProvider time, IOptions<SignInOptions> options, ILogger<JourneyService> logger)
{
    private const int PurgeOneIn = 50;

    /// <summary>
    /// Creates a journey for an authorize request (<paramref name="authorizeUrl"/>, with parameters digested as
    /// <paramref name="requestFingerprint"/>) made by the browser holding <paramref name="bindingSecret"/>.
    /// </summary>
    public async Task<AuthorizationJourney> StartAsync(string policy, string tenantSegment, string authorizeUrl, string requestFingerprint, string? clientId, string bindingSecret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authorizeUrl);
        // The caller refuses longer requests with a page; reaching here with one is a bug, not a user error.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(authorizeUrl.Length, AuthorizeRequestLimits.MaxLength);
        var now = time.UtcNow();
        var journey = new AuthorizationJourney
        {
            Id = Base64Url(RandomNumberGenerator.GetBytes(16)),
            BindingHash = HashBinding(bindingSecret),
            Policy = policy,
            TenantSegment = tenantSegment,
            AuthorizeUrl = authorizeUrl,
            RequestFingerprint = requestFingerprint,
            ClientId = clientId,
            CreatedAt = now,
            // Short until the user acts (KeepAsync): a flood of bare authorize requests leaves rows for minutes, not an hour.
            ExpiresAt = JourneyAccess.UnattendedExpiresAt(now, options.Value),
            Version = Guid.NewGuid(),
        };
        db.Journeys.Add(journey);
        await db.SaveChangesAsync(cancellationToken);

        // Now and then a start also removes journeys nobody acted on that have expired, so under a flood the table stays
        // bounded by the start limit and the unattended lifetime, whatever the housekeeping interval.
        if (RandomNumberGenerator.GetInt32(PurgeOneIn) == 0)
        {
            await PurgeUnattendedAsync(now, cancellationToken);
        }

        return journey;
    }

    /// <summary>
    /// The user acted on the journey (posted one of our forms): it may now live its full
    /// <see cref="SignInOptions.JourneyLifetime"/> from its start.
    /// </summary>
    public Task<int> KeepAsync(AuthorizationJourney journey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journey);
        var full = JourneyAccess.ExpiresAt(journey.CreatedAt, options.Value);
        // Set-based, without the version: a keep-alive never makes a parallel state change fail.
        return db.Journeys.Where(j => j.Id == journey.Id && j.ExpiresAt < full)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.ExpiresAt, full), cancellationToken);
    }

    /// <summary>Deletes journeys still waiting for the user whose time is up: nothing can continue them.</summary>
    public Task<int> PurgeUnattendedAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Journeys.Where(j => j.Status == JourneyStatus.Pending && j.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);

    /// <summary>The journey if it exists, has not expired and belongs to this browser; otherwise null.</summary>
    public Task<AuthorizationJourney?> FindAsync(string? id, string? bindingSecret, CancellationToken cancellationToken) =>
        FindCoreAsync(id, bindingSecret, null, cancellationToken);

    /// <summary>
    /// The journey named by <paramref name="id"/> when it belongs to this browser and was started by the request whose
    /// parameters digest to <paramref name="requestFingerprint"/>; otherwise null (the request is then a new one).
    /// </summary>
    public Task<AuthorizationJourney?> FindForRequestAsync(string? id, string? bindingSecret, string requestFingerprint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requestFingerprint);
        return FindCoreAsync(id, bindingSecret, requestFingerprint, cancellationToken);
    }

    /// <summary>
    /// Records that the user proved who they are; the authorize endpoint then issues tokens for them. Pass the account's
    /// security stamp as it is now, after any change this step made (a reset passes the new one): tokens are issued
    /// only while the account still has it.
    /// </summary>
    public Task<bool> MarkAuthenticatedAsync(AuthorizationJourney journey, Guid accountId, string? securityStamp, DateTimeOffset authenticatedAt, CancellationToken cancellationToken) =>
        ChangeAsync(journey, JourneyStatus.Pending, j =>
        {
            j.Status = JourneyStatus.Authenticated;
            j.AccountId = accountId;
            j.SecurityStamp = securityStamp;
            j.AuthenticatedAt = authenticatedAt;
        }, cancellationToken);

    /// <summary>
    /// Records that the user proved the password of <paramref name="accountId"/> (whose stamp is
    /// <paramref name="securityStamp"/>) but must choose a new one before signing in, and whether the user chose to be
    /// kept signed in; the journey stays pending.
    /// </summary>
    public Task<bool> MarkPasswordChangeRequiredAsync(AuthorizationJourney journey, Guid accountId, string? securityStamp, bool keepMeSignedIn, CancellationToken cancellationToken) =>
        ChangeAsync(journey, JourneyStatus.Pending, j =>
        {
            j.PasswordChangeAccountId = accountId;
            j.PasswordChangeStamp = securityStamp;
            j.KeepMeSignedIn = keepMeSignedIn;
        }, cancellationToken);

    /// <summary>
    /// Records that the user proved the password of <paramref name="accountId"/> (whose stamp is
    /// <paramref name="securityStamp"/>) on a flow that asks a second factor, and whether the user chose to be kept signed
    /// in; the journey stays pending. A change of password that an earlier sign-in in this journey was waiting for is
    /// dropped: this proof starts again.
    /// </summary>
    public Task<bool> MarkMultifactorRequiredAsync(AuthorizationJourney journey, Guid accountId, string? securityStamp, bool keepMeSignedIn, CancellationToken cancellationToken) =>
        ChangeAsync(journey, JourneyStatus.Pending, j =>
        {
            j.MultifactorAccountId = accountId;
            j.MultifactorStamp = securityStamp;
            j.MultifactorVerified = false;
            j.PasswordChangeAccountId = null;
            j.PasswordChangeStamp = null;
            j.KeepMeSignedIn = keepMeSignedIn;
        }, cancellationToken);

    /// <summary>Records that <see cref="AuthorizationJourney.MultifactorAccountId"/> entered its emailed code; the journey stays pending.</summary>
    public Task<bool> MarkMultifactorVerifiedAsync(AuthorizationJourney journey, CancellationToken cancellationToken) =>
        ChangeAsync(journey, JourneyStatus.Pending, j => j.MultifactorVerified = true, cancellationToken);

    /// <summary>
    /// Completes an authenticated journey: its account, when that account is still enabled and has the security stamp
    /// it had when the user authenticated. A stale journey is completed too, so it cannot be tried again.
    /// </summary>
    public async Task<JourneySignIn> CompleteSignInAsync(AuthorizationJourney journey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journey);
        if (JourneyCompletion.AccountToCheck(journey) is not { } accountId)
        {
            return new JourneySignIn.AlreadyCompleted();
        }

        // Decided from the journey as loaded: completing it below moves it on.
        var outcome = JourneyCompletion.Decide(journey, await standing.CheckAsync(accountId, journey.SecurityStamp, cancellationToken));
        if (!await CompleteAsync(journey, cancellationToken))
        {
            return new JourneySignIn.AlreadyCompleted();
        }

        if (outcome is JourneySignIn.Stale)
        {
            Log.StaleJourney(logger);
        }

        return outcome;
    }

    /// <summary>The user cancelled: the app will receive AADB2C90091.</summary>
    public Task<bool> MarkCancelledAsync(AuthorizationJourney journey, CancellationToken cancellationToken) =>
        ChangeAsync(journey, JourneyStatus.Pending, j => j.Status = JourneyStatus.Cancelled, cancellationToken);

    /// <summary>The user chose "forgot password" on a hand-off flow: the app will receive AADB2C90118.</summary>
    public Task<bool> MarkForgotPasswordAsync(AuthorizationJourney journey, CancellationToken cancellationToken) =>
        ChangeAsync(journey, JourneyStatus.Pending, j => j.Status = JourneyStatus.ForgotPassword, cancellationToken);

    /// <summary>The authorize endpoint answered the app; the journey cannot be used again.</summary>
    public Task<bool> CompleteAsync(AuthorizationJourney journey, CancellationToken cancellationToken) =>
        ChangeAsync(journey, journey.Status, j => j.Status = JourneyStatus.Completed, cancellationToken);

    private async Task<AuthorizationJourney?> FindCoreAsync(string? id, string? bindingSecret, string? requestFingerprint, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 32 || string.IsNullOrEmpty(bindingSecret))
        {
            return null;
        }

        // Find answers from the journeys this request already loaded (tracked: the language middleware, the page and
        // the authorize endpoint each ask for it), so the row is read once per request; access is decided every time.
        var journey = await db.Journeys.FindAsync([id], cancellationToken);
        return journey is not null && JourneyAccess.Decide(journey, bindingSecret, requestFingerprint, time.UtcNow()) is JourneyAccess.Granted ? journey : null;
    }

    private async Task<bool> ChangeAsync(AuthorizationJourney journey, JourneyStatus expected, Action<AuthorizationJourney> change, CancellationToken cancellationToken)
    {
        if (!JourneyTransition.Allowed(journey.Status, expected))
        {
            return false;
        }

        change(journey);
        journey.Version = Guid.NewGuid();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another request (tab, node) moved the journey on first.
            return false;
        }
    }

    /// <summary>Hex SHA-256 of a browser-binding secret.</summary>
    public static string HashBinding(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>URL-safe base64 without padding.</summary>
    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
