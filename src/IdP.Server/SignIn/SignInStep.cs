namespace IdP.Server.SignIn;

/// <summary>
/// How every page that proves who the user is ends (the sign-in page, the new-password page): the SSO session cookie,
/// then the journey marked and audited (<see cref="JourneyAuthentication"/>), then back to the authorize endpoint.
/// </summary>
public sealed class SignInStep(SsoSession sso, JourneyAuthentication authentication, JourneyLinks links)
{
    /// <summary>Signs <paramref name="account"/> in for this browser and journey; returns where to send the browser.</summary>
    public async Task<string> FinishAsync(HttpContext http, AuthorizationJourney journey, Account account, DateTimeOffset authenticatedAt, AuthenticationMethod method)
    {
        ArgumentNullException.ThrowIfNull(http);
        await sso.SignInAsync(http, account, authenticatedAt);
        await authentication.RecordAsync(journey, account, authenticatedAt, method, http.RequestAborted);
        return links.ResumeAuthorize(journey);
    }
}
