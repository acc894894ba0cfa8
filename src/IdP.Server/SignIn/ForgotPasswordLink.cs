namespace IdP.Server.SignIn;

/// <summary>
/// Where the sign-in page's "Can't access your account?" leads, or null to hide it. The password-reset feature
/// implements it (tenant switch, the flow's embedded or hand-off setting).
/// </summary>
public interface IForgotPasswordLink
{
    /// <summary>The target for this journey, or null when self-service reset is off.</summary>
    Task<ForgotPasswordTarget?> FindAsync(HttpContext http, AuthorizationJourney journey, CancellationToken cancellationToken);
}

/// <summary>
/// Where "Can't access your account?" goes. <paramref name="ByPost"/> when following it changes the journey (the
/// hand-off to the app), so the page draws a button in a form instead of a link.
/// </summary>
public sealed record ForgotPasswordTarget(string Url, bool ByPost);

/// <summary>No self-service password reset: the link is never shown.</summary>
internal sealed class NoForgotPasswordLink : IForgotPasswordLink
{
    public Task<ForgotPasswordTarget?> FindAsync(HttpContext http, AuthorizationJourney journey, CancellationToken cancellationToken) =>
        Task.FromResult<ForgotPasswordTarget?>(null);
}
