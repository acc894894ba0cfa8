namespace IdP.Core.Applications;

/// <summary>
/// The protocol engine's copy of the registrations (OpenIddict's applications and scopes), kept in step by
/// <see cref="AppRegistrationService"/> inside the same transaction as every change.
/// </summary>
public interface IApplicationProtocolStore
{
    /// <summary>Creates or replaces the protocol view of an application.</summary>
    Task SaveAsync(ProtocolApplication application, CancellationToken cancellationToken);

    /// <summary>Removes an application, its scopes and its grants.</summary>
    Task DeleteAsync(string clientId, CancellationToken cancellationToken);
}

/// <summary>
/// An application with every scope value resolved: the API scopes it may request (<c>{App ID URI}/{scope}</c>, and
/// <c>{App ID URI}/.default</c> for each API it has a permission on) and the scopes its own API defines.
/// </summary>
/// <param name="Application">The registration.</param>
/// <param name="PermittedScopes">Scope values the application may request.</param>
/// <param name="ExposedScopes">Scope values its own API defines.</param>
public sealed record ProtocolApplication(Application Application, IReadOnlyList<string> PermittedScopes, IReadOnlyList<string> ExposedScopes);
