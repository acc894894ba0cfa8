namespace IdP.Server.SignIn;

/// <summary>
/// How every page that proves who the user is ends (the sign-in page, the second-factor page, the new-password pages): the SSO session cookie,
/// then the journey marked and audited (<see cref="JourneyAuthentication"/>), then back to the authorize endpoint.
/// </summary>
public sealed class SignInStep(SsoSession sso, JourneyAuthentication authentication, ForcedPasswordChange forcedChange, JourneyLinks links, TimeProvider time)
{
    /// <summary>
    /// Every factor the flow asks is proven (the password, and on an MFA flow the emailed code, <paramref name="multifactor"/>);
    /// returns where to send the browser: an account marked for a forced change on a flow that forces it chooses its new
    /// password next (the journey keeps <paramref name="keepMeSignedIn"/>), any other is signed in now (<see cref="FinishAsync"/>).
    /// </summary>
    public async Task<string> PasswordProvenAsync(HttpContext http, AuthorizationJourney journey, UserFlow flow, Account account, bool keepMeSignedIn, bool multifactor)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (ForcedPasswordChange.Applies(flow, account))
        {
            await forcedChange.RequireAsync(journey, account, keepMeSignedIn, http.RequestAborted);
            return links.Page(http, journey, ChangePasswordModel.PageName);
        }

        return await FinishAsync(http, journey, flow, account, time.UtcNow(), AuthenticationMethod.Password, keepMeSignedIn, multifactor);
    }

    /// <summary>
    /// Signs <paramref name="account"/> in for this browser and journey; returns where to send the browser. The session
    /// is kept ("Keep me signed in") when the user chose it and <paramref name="flow"/> offers it, and is recorded as used
    /// by the journey's app on <paramref name="flow"/> (what Application- and Policy-scoped flows ask), and as having a
    /// second factor when <paramref name="multifactor"/> (what flows with MFA Always on ask).
    /// </summary>
    public async Task<string> FinishAsync(HttpContext http, AuthorizationJourney journey, UserFlow flow, Account account, DateTimeOffset authenticatedAt, AuthenticationMethod method, bool keepMeSignedIn, bool multifactor)
    {
        ArgumentNullException.ThrowIfNull(http);
        var keepFor = KeepMeSignedIn.KeepFor(flow, keepMeSignedIn);
        await sso.SignInAsync(http, account, authenticatedAt, keepFor, new SessionUse(journey.ClientId, flow), multifactor);
        await authentication.RecordAsync(journey, account, authenticatedAt, method, KeepMeSignedIn.AuditDetails(flow, keepFor), http.RequestAborted);
        return links.ResumeAuthorize(journey);
    }
}
