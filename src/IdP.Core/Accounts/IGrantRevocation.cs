namespace IdP.Core.Accounts;

/// <summary>
/// Ends what the protocol engine issued to an account: its authorizations and tokens (refresh and access tokens that
/// the server's own APIs still check). The web host implements it over OpenIddict; it joins the caller's transaction.
/// </summary>
public interface IGrantRevocation
{
    /// <summary>Revokes every authorization and token whose subject is the account.</summary>
    Task RevokeAsync(Guid accountId, CancellationToken cancellationToken);
}
