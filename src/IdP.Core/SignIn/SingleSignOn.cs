using IdP.Core.UserFlows;

namespace IdP.Core.SignIn;

/// <summary>
/// B2C's "Single sign-on configuration" (<see cref="SingleSignOnScope"/>): whether a standing session may sign the user
/// in to a flow without a password. Tenant: any session. Application: one the requesting app already used (signed in
/// with, or was signed in by silently). Policy: one already used on this flow. Suppressed: none. What a session was used
/// by is kept on its server-side row (<see cref="SignInSession.UsedByApplications"/>, <see cref="SignInSession.UsedOnFlows"/>),
/// each a list of ids each followed by a space (client ids and flow ids hold no spaces), so the database can add one
/// to the list in a single statement however many requests use the session at once.
/// </summary>
public static class SingleSignOn
{
    /// <summary>What follows each entry of a list.</summary>
    public const string Separator = " ";

    /// <summary>Whether <paramref name="session"/> signs the user in to <paramref name="flow"/> for the app <paramref name="clientId"/> without a password.</summary>
    public static bool Covers(UserFlow flow, SignInSession session, string? clientId)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(session);
        return flow.SingleSignOnConfiguration switch
        {
            SingleSignOnScope.Tenant => true,
            SingleSignOnScope.Application => !string.IsNullOrEmpty(clientId) && Lists(session.UsedByApplications, clientId),
            SingleSignOnScope.Policy => Lists(session.UsedOnFlows, FlowEntry(flow)),
            // Suppressed, and any value this version does not know: never silently.
            _ => false,
        };
    }

    /// <summary>How <paramref name="flow"/> is named in <see cref="SignInSession.UsedOnFlows"/>: its id, so a flow deleted and made again under the same name starts with no sessions.</summary>
    public static string FlowEntry(UserFlow flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        return flow.Id.ToString("N");
    }

    /// <summary><paramref name="list"/> with <paramref name="entry"/> added (unchanged when it is there already).</summary>
    public static string Add(string list, string entry)
    {
        ArgumentNullException.ThrowIfNull(list);
        return Lists(list, entry) ? list : list + entry + Separator;
    }

    /// <summary>The entry as it is searched for in a list: with a space before and after (the list searched with one in front).</summary>
    public static string Delimited(string entry) => Separator + entry + Separator;

    /// <summary>Whether <paramref name="list"/> holds <paramref name="entry"/>.</summary>
    public static bool Lists(string list, string entry)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentException.ThrowIfNullOrEmpty(entry);
        return (Separator + list).Contains(Delimited(entry), StringComparison.Ordinal);
    }
}
