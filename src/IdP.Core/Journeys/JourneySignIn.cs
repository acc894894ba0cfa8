namespace IdP.Core.Journeys;

/// <summary>What a finished journey yields when the authorize endpoint completes it.</summary>
public abstract record JourneySignIn
{
    private JourneySignIn()
    {
    }

    /// <summary>Tokens may be issued for this account, with <c>auth_time</c> = <see cref="AuthenticatedAt"/>.</summary>
    /// <param name="Account">The account to issue tokens for, as stored now.</param>
    /// <param name="AuthenticatedAt">When the user authenticated.</param>
    public sealed record Ready(Account Account, DateTimeOffset AuthenticatedAt) : JourneySignIn;

    /// <summary>The account is gone, disabled, or its security stamp changed (a password reset) since the user authenticated.</summary>
    public sealed record Stale : JourneySignIn;

    /// <summary>Another request (a second tab, another node) completed the journey first.</summary>
    public sealed record AlreadyCompleted : JourneySignIn;
}
