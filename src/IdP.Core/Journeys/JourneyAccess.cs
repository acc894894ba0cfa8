namespace IdP.Core.Journeys;

/// <summary>
/// Whether a stored journey may serve a request: its time is not up, the request comes from the browser that started
/// it, and (at the authorize endpoint) it is the very request that started it.
/// </summary>
public abstract record JourneyAccess
{
    private JourneyAccess()
    {
    }

    /// <summary>The request may continue the journey.</summary>
    public sealed record Granted : JourneyAccess;

    /// <summary>The journey's lifetime is over: the user starts again.</summary>
    public sealed record Expired : JourneyAccess;

    /// <summary>The request lacks the binding cookie of the browser that started the journey.</summary>
    public sealed record OtherBrowser : JourneyAccess;

    /// <summary>Same browser, another authorize request (reply URL, PKCE challenge, scopes, state, nonce …): a new request.</summary>
    public sealed record NotThisRequest : JourneyAccess;

    /// <summary>When a journey started at <paramref name="startedAt"/> expires (<see cref="SignInOptions.JourneyLifetime"/> later).</summary>
    public static DateTimeOffset ExpiresAt(DateTimeOffset startedAt, SignInOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return startedAt + options.JourneyLifetime;
    }

    /// <summary>
    /// When a journey started at <paramref name="startedAt"/> that nobody acted on expires
    /// (<see cref="SignInOptions.UnattendedJourneyLifetime"/> later, never after <see cref="ExpiresAt"/>).
    /// </summary>
    public static DateTimeOffset UnattendedExpiresAt(DateTimeOffset startedAt, SignInOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return startedAt + (options.UnattendedJourneyLifetime < options.JourneyLifetime ? options.UnattendedJourneyLifetime : options.JourneyLifetime);
    }

    /// <summary>
    /// The rule for <paramref name="journey"/> at <paramref name="now"/>, for the browser holding
    /// <paramref name="bindingSecret"/>; <paramref name="requestFingerprint"/> only where a journey must match its request.
    /// </summary>
    public static JourneyAccess Decide(AuthorizationJourney journey, string bindingSecret, string? requestFingerprint, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(journey);
        ArgumentNullException.ThrowIfNull(bindingSecret);
        if (journey.ExpiresAt <= now)
        {
            return new Expired();
        }

        // Compared in fixed time, so how much of a guessed binding matches never shows in the answer's timing.
        var expected = Convert.FromHexString(journey.BindingHash);
        var actual = Convert.FromHexString(JourneyService.HashBinding(bindingSecret));
        if (!CryptographicOperations.FixedTimeEquals(expected, actual))
        {
            return new OtherBrowser();
        }

        return requestFingerprint is null || string.Equals(journey.RequestFingerprint, requestFingerprint, StringComparison.Ordinal)
            ? new Granted()
            : new NotThisRequest();
    }
}
