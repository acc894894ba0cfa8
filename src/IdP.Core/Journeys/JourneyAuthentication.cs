namespace IdP.Core.Journeys;

/// <summary>How the user proved who they are on a journey's pages.</summary>
public enum AuthenticationMethod
{
    /// <summary>Sign-in name and password on the sign-in page.</summary>
    Password,

    /// <summary>A verified mailbox and a new password (self-service reset).</summary>
    PasswordReset,
}

/// <summary>
/// The step every page that proves who the user is ends with: the journey is marked authenticated with the account's
/// security stamp as it is now (so the authorize endpoint issues tokens only while the account keeps it) and the audit
/// trail records the sign-in. The web host adds the session cookie and sends the browser back to the authorize endpoint.
/// </summary>
public sealed class JourneyAuthentication(JourneyService journeys, AuditLog audit)
{
    /// <summary>
    /// Records that <paramref name="account"/> authenticated in <paramref name="journey"/> at <paramref name="authenticatedAt"/>;
    /// <paramref name="auditDetails"/> go on the sign-in's audit line (no secrets: see <see cref="SignIn.KeepMeSignedIn.AuditDetails"/>).
    /// </summary>
    public async Task RecordAsync(AuthorizationJourney journey, Account account, DateTimeOffset authenticatedAt, AuthenticationMethod method, string? auditDetails, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journey);
        ArgumentNullException.ThrowIfNull(account);

        // Not checked: a journey another tab moved on first stays as that tab left it, and the authorize endpoint the
        // browser goes to next answers from that state.
        await journeys.MarkAuthenticatedAsync(journey, account.Id, account.SecurityStamp, authenticatedAt, cancellationToken);

        // A reset's own event (password_reset.password_changed) was committed together with the new password.
        if (method == AuthenticationMethod.Password)
        {
            await audit.RecordAsync(AuditEventTypes.SignInSucceeded, account.Id, journey.Policy, journey.ClientId, auditDetails, cancellationToken);
        }
    }
}
