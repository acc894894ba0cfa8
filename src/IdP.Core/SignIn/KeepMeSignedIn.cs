using IdP.Core.UserFlows;

namespace IdP.Core.SignIn;

/// <summary>
/// B2C's "Keep me signed in" (KMSI): on a flow with the property on, a user who ticks the sign-in page's box gets a
/// persistent session of the flow's days (a cookie that outlives the browser, and a server-side session that ends with
/// it) instead of the web app session. The days replace the web app session lifetime for that session, rolling or
/// absolute as the flow's session timeout says; everything that ends a session still ends it.
/// </summary>
public static class KeepMeSignedIn
{
    /// <summary>True when <paramref name="flow"/>'s sign-in page offers the box: sign-in flows with the property on.</summary>
    public static bool IsOffered(UserFlow flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        return flow is { Type: UserFlowType.SignIn, KeepMeSignedIn: true };
    }

    /// <summary>
    /// How long the session of a sign-in on <paramref name="flow"/> is kept when the user <paramref name="chose"/> to be
    /// kept signed in; null for a browser session (not chosen, or the flow does not offer it, whatever was posted).
    /// </summary>
    public static TimeSpan? KeepFor(UserFlow flow, bool chose) => chose && IsOffered(flow) ? TimeSpan.FromDays(flow.KeepMeSignedInDays) : null;

    /// <summary>
    /// Whether a session still signs the user in to <paramref name="flow"/> at <paramref name="now"/>. A session kept
    /// for <paramref name="keptFor"/> lasts that long on flows that offer KMSI (from its last use when the flow's timeout
    /// is rolling, from sign-in when absolute), as B2C's KeepAliveInDays replaces the web app session lifetime; on a flow
    /// without KMSI, and for a browser session, the flow's web app session lifetime applies.
    /// </summary>
    public static bool StillSignsIn(UserFlow flow, DateTimeOffset authTime, DateTimeOffset lastSeen, TimeSpan? keptFor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(flow);
        var lifetime = keptFor is { } kept && IsOffered(flow) ? kept : TimeSpan.FromMinutes(flow.SessionLifetimeMinutes);
        var since = flow.SessionTimeout == SessionTimeout.Absolute ? authTime : lastSeen;
        return now - since <= lifetime;
    }

    /// <summary>
    /// The sign-in audit line's details: whether the user chose to be kept signed in (and for how long) on a flow that
    /// offers it; null on a flow that does not, where there was nothing to choose.
    /// </summary>
    public static string? AuditDetails(UserFlow flow, TimeSpan? keptFor) => !IsOffered(flow)
        ? null
        : keptFor is { } kept ? FormattableString.Invariant($"keep me signed in: yes ({kept.TotalDays:0} days)") : "keep me signed in: no";
}
