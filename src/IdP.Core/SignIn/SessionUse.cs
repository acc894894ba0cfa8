using IdP.Core.UserFlows;

namespace IdP.Core.SignIn;

/// <summary>
/// A sign-in for an app (<paramref name="ClientId"/>, null for a journey older versions stored without one) on a flow:
/// what a session records having been used by (<see cref="SingleSignOn"/>).
/// </summary>
public sealed record SessionUse(string? ClientId, UserFlow Flow)
{
    /// <summary>How the flow is listed in <see cref="SignInSession.UsedOnFlows"/>.</summary>
    public string FlowEntry => SingleSignOn.FlowEntry(Flow);
}
