namespace IdP.Core.Journeys;

/// <summary>
/// What completing a finished journey yields: a sign-in only from a journey the user authenticated in and nobody has
/// completed yet, and only while the account stands as it did then (<see cref="AccountStanding"/>).
/// </summary>
public static class JourneyCompletion
{
    /// <summary>The account whose standing decides the outcome; null when there is no sign-in left to complete.</summary>
    public static Guid? AccountToCheck(AuthorizationJourney journey) => Authenticated(journey)?.AccountId;

    /// <summary>The outcome, from the journey as loaded (before this request completes it) and its account's check.</summary>
    public static JourneySignIn Decide(AuthorizationJourney journey, AccountCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return Authenticated(journey) switch
        {
            null => new JourneySignIn.AlreadyCompleted(),
            var (_, authenticatedAt) when check is AccountCheck.Valid(var account) => new JourneySignIn.Ready(account, authenticatedAt),
            _ => new JourneySignIn.Stale(),
        };
    }

    // Every other state either never held a sign-in or has already been acted on by the authorize endpoint.
    private static (Guid AccountId, DateTimeOffset AuthenticatedAt)? Authenticated(AuthorizationJourney journey)
    {
        ArgumentNullException.ThrowIfNull(journey);
        return journey is { Status: JourneyStatus.Authenticated, AccountId: { } accountId, AuthenticatedAt: { } authenticatedAt }
            ? (accountId, authenticatedAt)
            : null;
    }
}
