using IdP.Core.Journeys;

namespace IdP.Server.SignIn;

/// <summary>
/// Where the sign-in page's "Can't access your account?" link points, or null to hide it. The password-reset feature
/// implements it (tenant switch, the flow's embedded or hand-off setting).
/// </summary>
public interface IForgotPasswordLink
{
    /// <summary>The link target for this journey, or null when self-service reset is off.</summary>
    Task<string?> UrlAsync(AuthorizationJourney journey, CancellationToken cancellationToken);
}

/// <summary>No self-service password reset: the link is never shown.</summary>
internal sealed class NoForgotPasswordLink : IForgotPasswordLink
{
    public Task<string?> UrlAsync(AuthorizationJourney journey, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}
