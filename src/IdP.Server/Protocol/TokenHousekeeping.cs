namespace IdP.Server.Protocol;

/// <summary>OpenIddict's ended tokens and authorizations go after their retention (not counted: they are OpenIddict's rows).</summary>
internal sealed class TokenHousekeeping(IOpenIddictTokenManager tokens, IOpenIddictAuthorizationManager authorizations) : IHousekeepingTask
{
    public async Task<int> RunAsync(HousekeepingPass pass, CancellationToken cancellationToken)
    {
        var cutoff = pass.Now - pass.Options.TokenRetention;
        await tokens.PruneAsync(cutoff, cancellationToken);
        await authorizations.PruneAsync(cutoff, cancellationToken);
        return 0;
    }
}
