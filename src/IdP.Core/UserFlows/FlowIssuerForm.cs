namespace IdP.Core.UserFlows;

/// <summary>
/// What decides a flow's token issuer: its name and B2C's "Issuer (iss) claim" setting. Enough to list every issuer the
/// server signs with (<see cref="UserFlowService.IssuersAtAsync"/>) without loading whole flows and their page templates.
/// </summary>
/// <param name="Name">The flow's name, with its <c>B2C_1_</c> prefix.</param>
/// <param name="Format">The flow's issuer setting.</param>
public sealed record FlowIssuerForm(string Name, IssuerFormat Format)
{
    /// <summary>
    /// The issuer on <paramref name="origin"/> (<c>scheme://host/pathbase</c>), with its trailing slash:
    /// <c>{origin}/{tenantId}/v2.0/</c>, or B2C's tfp form <c>{origin}/tfp/{tenantId}/{policy}/v2.0/</c>.
    /// </summary>
    public Uri IssuerAt(string origin, Guid tenantId) => new(Format == IssuerFormat.PolicyIssuer
        ? $"{origin}/tfp/{tenantId:D}/{Name.ToLowerInvariant()}/v2.0/"
        : $"{origin}/{tenantId:D}/v2.0/");
}
