namespace IdP.Server.Accounts;

/// <summary>Revokes an account's OpenIddict authorizations and tokens (its subject is the object id).</summary>
internal sealed class OpenIddictGrantRevocation(IOpenIddictAuthorizationManager authorizations, IOpenIddictTokenManager tokens) : IGrantRevocation
{
    public async Task RevokeAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var subject = accountId.ToString("D");
        await authorizations.RevokeBySubjectAsync(subject, cancellationToken);
        await tokens.RevokeBySubjectAsync(subject, cancellationToken);
    }
}
