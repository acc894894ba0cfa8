namespace IdP.Core.UserFlows;

/// <summary>
/// A user flow (policy) such as <c>B2C_1_signin</c>, with the properties B2C's "Standard" flows expose. Values are
/// checked by <see cref="UserFlowRules"/> before they are stored.
/// </summary>
public sealed class UserFlow
{
    /// <summary>Primary key; apps name the flow by <see cref="Name"/>.</summary>
    public Guid Id { get; set; }

    /// <summary>The full name with its <c>B2C_1_</c> prefix, as the operator typed it.</summary>
    public required string Name { get; set; }

    /// <summary>Upper-cased name: policies match case-insensitively.</summary>
    public required string NormalizedName { get; set; }

    /// <summary>Sign-in flow or standalone password reset flow.</summary>
    public UserFlowType Type { get; set; } = UserFlowType.SignIn;

    /// <summary>Which sign-in name local accounts type on this flow (or, for a reset flow, which name identifies them).</summary>
    public SignInNameKind SignInType { get; set; } = SignInNameKind.Email;

    /// <summary>Claims put in tokens, by B2C claim name (<see cref="ApplicationClaims"/>).</summary>
    public List<string> ApplicationClaims { get; set; } = [.. UserFlows.ApplicationClaims.Defaults];

    /// <summary>B2C's "Access &amp; ID token lifetime (minutes)": how long access and ID tokens are valid.</summary>
    public int AccessAndIdTokenLifetimeMinutes { get; set; } = 60;

    /// <summary>B2C's "Refresh token lifetime (days)": how long each refresh token can be redeemed.</summary>
    public int RefreshTokenLifetimeDays { get; set; } = 14;

    /// <summary>B2C's "Refresh token sliding window lifetime": whether renewing refresh tokens ends at a fixed time after sign-in.</summary>
    public RefreshTokenSlidingWindow RefreshTokenSlidingWindow { get; set; } = RefreshTokenSlidingWindow.Bounded;

    /// <summary>Days after sign-in when a bounded window ends and refresh tokens are refused with AADB2C90080.</summary>
    public int RefreshTokenSlidingWindowDays { get; set; } = 90;

    /// <summary>B2C's "Issuer (iss) claim" setting; <see cref="IssuerAt"/> applies it.</summary>
    public IssuerFormat IssuerFormat { get; set; } = IssuerFormat.TenantIssuer;

    /// <summary>B2C's "Subject (sub) claim" setting.</summary>
    public SubjectClaim SubjectClaim { get; set; } = SubjectClaim.ObjectId;

    /// <summary>B2C's "Claim representing user flow" setting; <see cref="PolicyClaimType"/> applies it.</summary>
    public PolicyClaim PolicyClaim { get; set; } = PolicyClaim.Tfp;

    /// <summary>B2C's "Web app session lifetime (minutes)": how long the SSO session signs the user in without a password.</summary>
    public int SessionLifetimeMinutes { get; set; } = 1440;

    /// <summary>B2C's "Web app session timeout": whether the session lifetime counts from the last use or from sign-in.</summary>
    public SessionTimeout SessionTimeout { get; set; } = SessionTimeout.Rolling;

    /// <summary>
    /// B2C's "Single sign-on configuration" (Session behavior, Tenant by default): which SSO sessions sign the user in to
    /// this flow without a password (<see cref="IdP.Core.SignIn.SingleSignOn"/>).
    /// </summary>
    public SingleSignOnScope SingleSignOnConfiguration { get; set; } = SingleSignOnScope.Tenant;

    /// <summary>
    /// B2C's "Enable keep me signed in session" (off by default): the sign-in page offers "Keep me signed in", and a user
    /// who ticks it gets a persistent session of <see cref="KeepMeSignedInDays"/> instead of the web app session.
    /// Sign-in flows only, as in B2C (not offered on password reset flows).
    /// </summary>
    public bool KeepMeSignedIn { get; set; }

    /// <summary>B2C's "Keep me signed in session (days)" (1 to 90): how long a session the user chose to keep lasts.</summary>
    public int KeepMeSignedInDays { get; set; } = UserFlowRules.DefaultKeepMeSignedInDays;

    /// <summary>
    /// B2C's "Require ID Token in logout requests" (Session behavior, off by default): the flow's logout endpoint signs
    /// nobody out without an <c>id_token_hint</c> that validates and names this flow (AADB2C90272 when it is missing).
    /// </summary>
    public bool RequireIdTokenInLogoutRequests { get; set; }

    /// <summary>B2C's "Password complexity": the rule new passwords set on this flow must meet.</summary>
    public PasswordComplexity PasswordComplexity { get; set; } = PasswordComplexity.Strong;

    /// <summary>Embedded (default) runs reset inside the flow; HandOff answers AADB2C90118 as B2C's classic pattern expects.</summary>
    public PasswordResetBehavior PasswordResetBehavior { get; set; } = PasswordResetBehavior.Embedded;

    /// <summary>
    /// B2C's "Forced password reset" (Password configuration, off by default): an account an administrator marked
    /// <see cref="Account.ForceChangePasswordNextSignIn"/> must choose a new password after signing in on this flow.
    /// Off, the mark is ignored, as in B2C.
    /// </summary>
    public bool ForcedPasswordReset { get; set; }

    /// <summary>
    /// B2C's "Multifactor authentication" enforcement (Off by default): Always on asks every sign-in on this flow for a
    /// second factor of <see cref="MultifactorMethod"/> after the password (<see cref="IdP.Core.SignIn.Multifactor"/>).
    /// Sign-in flows only; B2C's Conditional (risk-based) is not offered.
    /// </summary>
    public MultifactorEnforcement MultifactorEnforcement { get; set; } = MultifactorEnforcement.Off;

    /// <summary>B2C's "Type of method" for multifactor authentication; only Email (a code mailed to the account's address) is offered.</summary>
    public MultifactorMethod MultifactorMethod { get; set; } = MultifactorMethod.Email;

    /// <summary>
    /// B2C's "Custom page URI": the https address of the flow's page template, fetched when saved and refreshed by
    /// housekeeping; null when the template was uploaded or there is none.
    /// </summary>
    public string? CustomPageUri { get; set; }

    /// <summary>
    /// The flow's page template as served (sanitised, see <see cref="CustomPages.CustomPageRules"/>): uploaded, or the last
    /// good copy fetched from <see cref="CustomPageUri"/>. Null for the default pages.
    /// </summary>
    public string? CustomPageContent { get; set; }

    /// <summary>When <see cref="CustomPageContent"/> was last fetched from <see cref="CustomPageUri"/>.</summary>
    public DateTimeOffset? CustomPageFetchedAt { get; set; }

    /// <summary>When the server last tried to fetch the template (successfully or not).</summary>
    public DateTimeOffset? CustomPageCheckedAt { get; set; }

    /// <summary>
    /// Why the last fetch failed (the last good copy stays in use); null after a successful fetch. A reason, not a text:
    /// <see cref="CustomPages.CustomPageProblem"/> words it in each reader's language.
    /// </summary>
    public CustomPages.CustomPageFailure? CustomPageFailure { get; set; }

    /// <summary>The language-neutral detail of <see cref="CustomPageFailure"/> (a status code, a limit, element names).</summary>
    public string? CustomPageFailureDetail { get; set; }

    /// <summary>
    /// A failure as versions before <see cref="CustomPageFailure"/> stored it: its text, in the language of whoever
    /// triggered the fetch. Shown as it is; the next fetch clears it.
    /// </summary>
    public string? CustomPageErrorText { get; set; }

    /// <summary>When the flow was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the flow's properties last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>A copy of the flow's values (untracked, its own claim list): what a request gets from the per-node <see cref="UserFlowCache"/>.</summary>
    public UserFlow Copy()
    {
        var copy = (UserFlow)MemberwiseClone();
        copy.ApplicationClaims = [.. ApplicationClaims];
        return copy;
    }

    /// <summary>The claim that names the flow in its tokens by default (B2C's "Claim representing user flow").</summary>
    public const string TfpClaimType = "tfp";

    /// <summary>The claim that names the flow in its tokens when the flow chose <see cref="PolicyClaim.Acr"/>.</summary>
    public const string AcrClaimType = "acr";

    /// <summary>The claim that names the flow in its tokens: <c>tfp</c>, or <c>acr</c> when the flow says so.</summary>
    public string PolicyClaimType => PolicyClaim == PolicyClaim.Acr ? AcrClaimType : TfpClaimType;

    /// <summary>
    /// The issuer of this flow's tokens on <paramref name="origin"/> (<c>scheme://host/pathbase</c>), with its trailing
    /// slash: <c>{origin}/{tenantId}/v2.0/</c>, or B2C's tfp form <c>{origin}/tfp/{tenantId}/{policy}/v2.0/</c>.
    /// </summary>
    public Uri IssuerAt(string origin, Guid tenantId) => new FlowIssuerForm(Name, IssuerFormat).IssuerAt(origin, tenantId);
}

/// <summary>B2C user flow types we implement.</summary>
public enum UserFlowType
{
    /// <summary>B2C's V1 "Sign in" flow with local accounts.</summary>
    SignIn = 0,

    /// <summary>A standalone password reset flow apps call directly (e.g. <c>B2C_1_passwordreset</c>).</summary>
    PasswordReset = 1,
}

/// <summary>How long refresh tokens can keep sliding: bounded by a window since sign-in, or unbounded.</summary>
public enum RefreshTokenSlidingWindow
{
    /// <summary>Refresh tokens are refused <see cref="UserFlow.RefreshTokenSlidingWindowDays"/> after sign-in.</summary>
    Bounded = 0,

    /// <summary>Refresh tokens renew for as long as each is redeemed within its lifetime.</summary>
    Unbounded = 1,
}

/// <summary>B2C's token compatibility "Issuer (iss) claim" setting.</summary>
public enum IssuerFormat
{
    /// <summary><c>https://{host}/{tenantId}/v2.0/</c></summary>
    TenantIssuer = 0,

    /// <summary><c>https://{host}/tfp/{tenantId}/{policy}/v2.0/</c></summary>
    PolicyIssuer = 1,
}

/// <summary>B2C's token compatibility "Subject (sub) claim" setting.</summary>
public enum SubjectClaim
{
    /// <summary>B2C's default: <c>sub</c> carries the account's object id (the same value as <c>oid</c>).</summary>
    ObjectId = 0,

    /// <summary>Legacy: <c>sub</c> carries "Not supported currently. Use oid claim."</summary>
    NotSupported = 1,
}

/// <summary>B2C's token compatibility "Claim representing user flow" setting.</summary>
public enum PolicyClaim
{
    /// <summary>The flow's name in <c>tfp</c> (B2C's default).</summary>
    Tfp = 0,

    /// <summary>The flow's name in <c>acr</c>.</summary>
    Acr = 1,
}

/// <summary>Web app session timeout: rolling (renewed on use) or absolute (from sign-in).</summary>
public enum SessionTimeout
{
    /// <summary>The session lifetime counts from the session's last use.</summary>
    Rolling = 0,

    /// <summary>The session lifetime counts from sign-in, however often the session is used.</summary>
    Absolute = 1,
}

/// <summary>B2C's "Single sign-on configuration": the scope within which a session signs the user in without a password.</summary>
public enum SingleSignOnScope
{
    /// <summary>B2C's default: any session of the tenant, whichever app and flow it began on.</summary>
    Tenant = 0,

    /// <summary>Only a session already used by the requesting application (on any flow).</summary>
    Application = 1,

    /// <summary>Only a session already used on this flow (by any application).</summary>
    Policy = 2,

    /// <summary>No session: the flow asks for the password every time.</summary>
    Suppressed = 3,
}

/// <summary>B2C's "MFA enforcement", without Conditional (it needs Identity Protection's risk signals).</summary>
public enum MultifactorEnforcement
{
    /// <summary>No second factor (the default, as in B2C).</summary>
    Off = 0,

    /// <summary>Every sign-in proves the second factor, whatever the risk.</summary>
    AlwaysOn = 1,
}

/// <summary>B2C's "Type of method" for multifactor authentication; SMS, phone call and TOTP are not offered.</summary>
public enum MultifactorMethod
{
    /// <summary>A one-time code mailed to the account's email address.</summary>
    Email = 0,
}

/// <summary>What the sign-in page's "Can't access your account?" link does.</summary>
public enum PasswordResetBehavior
{
    /// <summary>Reset inside the same authorization request, then sign the user in.</summary>
    Embedded = 0,

    /// <summary>Return <c>AADB2C90118</c> to the app, which then starts its password reset flow.</summary>
    HandOff = 1,
}
