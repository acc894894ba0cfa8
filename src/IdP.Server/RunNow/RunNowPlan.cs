namespace IdP.Server.RunNow;

/// <summary>
/// What a run-now request leads to: an authorize request the flow will accept, or the reason it would be refused,
/// found before the browser is sent anywhere.
/// </summary>
public abstract record RunNowPlan
{
    private RunNowPlan()
    {
    }

    /// <summary>Go: the application, reply URL, whether the response comes to our viewer, and whether PKCE is required.</summary>
    public sealed record Ready(string ClientId, string RedirectUri, bool ToViewer, bool PublicClient) : RunNowPlan;

    /// <summary>Unknown client, or a reply URL it has not registered: the authorize endpoint's AADB2C90006.</summary>
    public sealed record RedirectUriNotRegistered(string? RedirectUri, string ClientId) : RunNowPlan;

    /// <summary>No <c>redirect_uri</c> and the app has several (none of them the viewer): the developer must pick one.</summary>
    public sealed record ChooseRedirectUri(string ClientId) : RunNowPlan;

    /// <summary><c>response_type=id_token</c> for an app without the implicit grant: B2C's AADB2C90057.</summary>
    public sealed record ImplicitNotAllowed(string ClientId) : RunNowPlan;

    /// <summary>A code for a confidential app sent to our viewer, which cannot redeem it without the app's secret.</summary>
    public sealed record ViewerCannotRedeem(string ClientId) : RunNowPlan;

    /// <summary>A scope that no API registered.</summary>
    public sealed record UnknownScope(string Scope) : RunNowPlan;

    /// <summary>A scope the app has not been granted.</summary>
    public sealed record ScopeNotAllowed(string Scope, string ClientId) : RunNowPlan;
}
