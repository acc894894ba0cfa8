using Microsoft.AspNetCore.Authentication.Cookies;

namespace IdP.Server.SignIn;

/// <summary>
/// The tenant's single-sign-on session: a cookie naming a server-side <see cref="SignInSession"/> (which account proved
/// its credentials when). Each flow applies its own session lifetime (rolling or absolute) within the session's
/// absolute end. Once per request, when the cookie is read (<see cref="ValidateAsync"/>, as ASP.NET Core Identity's
/// security stamp validator does), the session row must stand (sign-out ends it, so a copied cookie dies with it) and
/// the account must stand (exists, enabled, same security stamp: a password reset ends every session at once).
/// A session the user chose to keep ("Keep me signed in", <see cref="KeepMeSignedIn"/>) has a persistent cookie that
/// expires with the server-side session, the flow's KMSI days after sign-in (or after its last use when rolling);
/// any other session's cookie is a browser-session cookie. Each flow's "Single sign-on configuration"
/// (<see cref="SingleSignOn"/>) says which sessions it accepts: the row records the apps and flows a session signed in
/// to, so the answer is the same after a restart and on every node.
/// </summary>
public sealed class SsoSession(SignInSessions sessions, TimeProvider time)
{
    public const string Scheme = "IdP.Session";
    public const string CookieName = "idp.session";

    private const string AuthTimeClaim = "auth_time";
    private const string LastSeenClaim = "last_seen";
    private const string StampClaim = "stamp";
    private const string SessionClaim = "sid";
    private const string KeptForClaim = "kmsi";

    /// <summary>
    /// Starts (or replaces) the browser's session for <paramref name="account"/>, signed in for <paramref name="use"/>:
    /// kept for <paramref name="keepFor"/> (a persistent cookie expiring with the server-side session), or, when null, a
    /// browser session. What the browser's standing session of the same account was used by carries over
    /// (<see cref="SignInSessions.StartAsync"/>). <paramref name="multifactor"/>: the sign-in proved a second factor.
    /// </summary>
    public async Task SignInAsync(HttpContext context, Account account, DateTimeOffset authTime, TimeSpan? keepFor, SessionUse use, bool multifactor)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(account);
        await context.AuthenticateAsync(Scheme);
        var replacing = context.Items[ValidatedSessionKey] as SignInSession;
        var session = await sessions.StartAsync(account.Id, authTime, keepFor, use, multifactor, replacing, context.Connection.RemoteIpAddress?.ToString(), context.Request.Headers.UserAgent.ToString(), context.RequestAborted);
        await context.SignInAsync(Scheme, CreatePrincipal(session.Id, account.Id, account.SecurityStamp, authTime, time.UtcNow(), keepFor), CookieProperties(keepFor is null ? null : session.ExpiresAt));
    }

    /// <summary>
    /// Ends the browser's session, on the server too: a copy of the cookie no longer works. A request that would not
    /// have carried a Lax cookie (another site's hidden iframe, image or form post) leaves the session as it is, as it
    /// did while the cookie was Lax: such a request cannot sign the user out behind their back.
    /// </summary>
    public async Task SignOutAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!LaxCookieRequest.WouldCarry(context.Request))
        {
            return;
        }

        var result = await context.AuthenticateAsync(Scheme);
        if (result.Principal?.FindFirstValue(SessionClaim) is { } id && Guid.TryParse(id, out var sessionId))
        {
            await sessions.EndAsync(sessionId, context.RequestAborted);
        }

        await context.SignOutAsync(Scheme);
    }

    /// <summary>
    /// The account of a valid session for <paramref name="flow"/> and the app <paramref name="clientId"/>, renewing a
    /// rolling session; null when there is no session, it is older than the flow allows, the flow's single sign-on
    /// configuration does not accept it (<see cref="SingleSignOn.Covers"/>), the flow asks a second factor the session
    /// began without (<see cref="Multifactor.SessionSatisfies"/>: the sign-in page, password and code), or the account changed (password reset,
    /// disabled, deleted). The caller that signs the user in with it says so (<see cref="NoteUseAsync"/>).
    /// </summary>
    public async Task<ResumedSession?> ResumeAsync(HttpContext context, UserFlow flow, string? clientId)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(flow);
        var result = await context.AuthenticateAsync(Scheme);
        if (!result.Succeeded || result.Principal is not { } principal
            || !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var accountId)
            || !TryReadTime(principal, AuthTimeClaim, out var authTime)
            || !TryReadTime(principal, LastSeenClaim, out var lastSeen))
        {
            return null;
        }

        var now = time.UtcNow();
        var keptFor = TryReadKeptFor(principal);
        if (!KeepMeSignedIn.StillSignsIn(flow, authTime, lastSeen, keptFor, now) || context.Items[ValidatedAccountKey] is not Account account || account.Id != accountId
            || context.Items[ValidatedSessionKey] is not SignInSession session || !SingleSignOn.Covers(flow, session, clientId)
            || !Multifactor.SessionSatisfies(flow, session))
        {
            return null;
        }

        if (flow.SessionTimeout == SessionTimeout.Rolling)
        {
            // A kept session used on a flow that offers KMSI rolls its end forward, on the server and in the cookie (B2C
            // extends KeepAliveInDays on each silent sign-in when rolling); elsewhere a kept cookie keeps its end.
            var end = keptFor is { } kept && KeepMeSignedIn.IsOffered(flow)
                ? await sessions.ExtendAsync(session.Id, kept, context.RequestAborted)
                : result.Properties?.ExpiresUtc;
            if (keptFor is not null && end is null)
            {
                return null;
            }

            await context.SignInAsync(Scheme, CreatePrincipal(session.Id, account.Id, account.SecurityStamp, authTime, now, keptFor), CookieProperties(keptFor is null ? null : end));
        }

        return new ResumedSession(account, authTime, session);
    }

    /// <summary>
    /// Records that <paramref name="resumed"/> signed the user in silently for <paramref name="use"/>, so flows whose
    /// single sign-on configuration is Application or Policy accept it from now on for that app and flow.
    /// </summary>
    public Task NoteUseAsync(HttpContext context, ResumedSession resumed, SessionUse use)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(resumed);
        return sessions.NoteUseAsync(resumed.Session, use, context.RequestAborted);
    }

    /// <summary>
    /// The cookie handler's principal validation: a session whose account no longer stands is rejected and the cookie
    /// removed; a valid one leaves its account for <see cref="ResumeAsync"/>, so the database is asked once per request.
    /// </summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var principal = context.Principal;
        var services = context.HttpContext.RequestServices;
        var ct = context.HttpContext.RequestAborted;
        var session = principal is not null && Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var accountId)
            && Guid.TryParse(principal.FindFirstValue(SessionClaim), out var sessionId)
            ? await services.GetRequiredService<SignInSessions>().UseAsync(sessionId, accountId, ct)
            : null;
        var standing = session is not null && principal is not null
            ? await services.GetRequiredService<AccountStanding>().CheckAsync(session.AccountId, principal.FindFirstValue(StampClaim), ct)
            : null;
        if (standing is AccountCheck.Valid(var account))
        {
            context.HttpContext.Items[ValidatedAccountKey] = account;
            context.HttpContext.Items[ValidatedSessionKey] = session;
            return;
        }

        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(Scheme);
    }

    private const string ValidatedAccountKey = "IdP.SsoSession.Account";
    private const string ValidatedSessionKey = "IdP.SsoSession.Session";

    private static ClaimsPrincipal CreatePrincipal(Guid sessionId, Guid accountId, string? stamp, DateTimeOffset authTime, DateTimeOffset lastSeen, TimeSpan? keptFor)
    {
        var identity = new ClaimsIdentity(
        [
            new Claim(SessionClaim, sessionId.ToString("D")),
            new Claim(ClaimTypes.NameIdentifier, accountId.ToString("D")),
            new Claim(AuthTimeClaim, authTime.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)),
            new Claim(LastSeenClaim, lastSeen.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)),
            new Claim(StampClaim, stamp ?? ""),
        ], Scheme);
        if (keptFor is { } kept)
        {
            identity.AddClaim(new Claim(KeptForClaim, ((long)kept.TotalMinutes).ToString(CultureInfo.InvariantCulture)));
        }

        return new ClaimsPrincipal(identity);
    }

    /// <summary>
    /// A kept session's cookie is persistent and expires (with its ticket) at <paramref name="keptUntil"/>, the
    /// server-side session's end; without it the cookie is a browser-session cookie, as before KMSI.
    /// </summary>
    private static AuthenticationProperties? CookieProperties(DateTimeOffset? keptUntil) =>
        keptUntil is { } until ? new AuthenticationProperties { IsPersistent = true, ExpiresUtc = until } : null;

    private static TimeSpan? TryReadKeptFor(ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirstValue(KeptForClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) ? TimeSpan.FromMinutes(minutes) : null;

    private static bool TryReadTime(ClaimsPrincipal principal, string type, out DateTimeOffset value)
    {
        value = default;
        if (!long.TryParse(principal.FindFirstValue(type), NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
        {
            return false;
        }

        value = DateTimeOffset.FromUnixTimeMilliseconds(ms);
        return true;
    }
}
