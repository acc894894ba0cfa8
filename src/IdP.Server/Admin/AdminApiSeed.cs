namespace IdP.Server.Admin;

/// <summary>
/// At start-up: the admin API's scope (<c>idp.admin</c>, whose tokens are for the audience <c>idp-admin</c>), and the
/// bootstrap client from <c>IdP:Admin:ClientId</c>/<c>ClientSecret</c> when configured, so the first operator can call
/// the API before any other administrator exists.
/// </summary>
internal sealed class AdminApiSeed(IOpenIddictScopeManager scopes, AppRegistrationService applications, IOptions<AdminOptions> options) : IStartupSeed
{
    public async Task SeedAsync(Tenant tenant, CancellationToken cancellationToken)
    {
        if (await scopes.FindByNameAsync(ServerApi.AdminScope, cancellationToken) is null)
        {
            var scope = new OpenIddictScopeDescriptor { Name = ServerApi.AdminScope, DisplayName = "IdP admin API" };
            scope.Resources.Add(ServerApi.Audience);
            await scopes.CreateAsync(scope, cancellationToken);
        }

        if (options.Value is { ClientId: { Length: > 0 } clientId, ClientSecret: { Length: > 0 } secret })
        {
            var result = await applications.SaveAsync(new AppRegistration(clientId, "IdP administration")
            {
                ClientSecret = secret,
                AdminApiAccess = true,
            }, cancellationToken);
            if (result is AppChange.Invalid invalid)
            {
                throw new OptionsValidationException(AdminOptions.Section, typeof(AdminOptions), [.. invalid.Errors.Select(e => $"IdP:Admin:ClientId: {e.Message}")]);
            }
        }
    }
}
