namespace IdP.Server.Tests.Applications;

/// <summary>
/// Applications kept in configuration (<c>IdP:Applications:{n}</c>) are created at start-up and brought up to date at
/// every start; a bad entry stops start-up naming the setting.
/// </summary>
public abstract class ConfiguredApplicationsTests<TDatabase>
    where TDatabase : ITestDatabase, new()
{
    private const string Secret = "configured-daemon-secret-0123456789";
    private const string ApiUri = "https://contoso.onmicrosoft.com/configured-api";

    [Fact]
    public async Task Configured_applications_exist_after_start_and_work_as_registered()
    {
        await using var factory = Configure(new IdPFactory<TDatabase>());
        await factory.InitializeAsync();

        var web = await FindAsync(factory, "configured-web");
        Assert.Equal(["https://web.test/signin-oidc"], web!.RedirectUrisOn(AppPlatform.Web));
        Assert.Equal(["https://spa.test/"], web.RedirectUrisOn(AppPlatform.Spa));
        Assert.Equal(["https://web.test/signed-out"], web.PostLogoutRedirectUris);
        var api = await FindAsync(factory, "configured-api");
        Assert.Equal(ApiUri, api!.AppIdUri);

        var daemon = new OidcClient(factory, "configured-daemon", "https://unused.test") { ClientSecret = Secret };
        var tokens = await daemon.ClientCredentialsAsync(scope: ApiUri + "/.default");
        Assert.Equal(200, tokens.Status);
        Assert.Equal("tasks.read", new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(tokens["access_token"]).GetClaim("scp").Value);
    }

    [Fact]
    public async Task A_restart_with_changed_configuration_updates_the_registration()
    {
        var first = Configure(new IdPFactory<TDatabase>());
        await first.InitializeAsync();
        var second = Configure(first.OnSameDatabase())
            .With("IdP:Applications:1:RedirectUris:0", "https://web.test/new-callback")
            .With("IdP:Applications:2:ClientSecrets:0:Value", "a-brand-new-configured-secret-42");

        // The second start is what a restart sees (the first keeps the SQLite folder until it is disposed).
        await second.InitializeAsync();

        var web = await FindAsync(second, "configured-web");
        Assert.Equal(["https://web.test/new-callback"], web!.RedirectUrisOn(AppPlatform.Web));
        var oldSecret = await new OidcClient(second, "configured-daemon", "https://unused.test") { ClientSecret = Secret }.ClientCredentialsAsync(scope: ApiUri + "/.default");
        var newSecret = await new OidcClient(second, "configured-daemon", "https://unused.test") { ClientSecret = "a-brand-new-configured-secret-42" }.ClientCredentialsAsync(scope: ApiUri + "/.default");
        Assert.Equal("invalid_client", oldSecret.Error);
        Assert.Equal(200, newSecret.Status);
        await second.DisposeAsync();
        await first.DisposeAsync();
    }

    [Fact]
    public async Task A_bad_entry_stops_start_up_with_the_setting_named()
    {
        var factory = new IdPFactory<TDatabase>()
            .With("IdP:Applications:0:ClientId", "bad-app")
            .With("IdP:Applications:0:RedirectUris:0", "ftp://bad.test/cb");

        var failure = await Assert.ThrowsAnyAsync<Exception>(factory.InitializeAsync);

        var options = Assert.IsType<OptionsValidationException>(failure.GetBaseException());
        Assert.Contains("IdP:Applications:0:redirectUris", options.Message, StringComparison.Ordinal);
        Assert.Contains("ftp://bad.test/cb", options.Message, StringComparison.Ordinal);
        await factory.DisposeAsync();
    }

    private static IdPFactory Configure(IdPFactory factory) => factory
        .With("IdP:Applications:0:ClientId", "configured-api")
        .With("IdP:Applications:0:DisplayName", "Configured API")
        .With("IdP:Applications:0:AppIdUri", ApiUri)
        .With("IdP:Applications:0:Scopes:0", "tasks.read")
        .With("IdP:Applications:1:ClientId", "configured-web")
        .With("IdP:Applications:1:RedirectUris:0", "https://web.test/signin-oidc")
        .With("IdP:Applications:1:SpaRedirectUris:0", "https://spa.test/")
        .With("IdP:Applications:1:PostLogoutRedirectUris:0", "https://web.test/signed-out")
        .With("IdP:Applications:1:ApiPermissions:0", ApiUri + "/tasks.read")
        .With("IdP:Applications:2:ClientId", "configured-daemon")
        .With("IdP:Applications:2:AllowClientCredentials", "true")
        .With("IdP:Applications:2:ClientSecrets:0:Value", Secret)
        .With("IdP:Applications:2:ApiPermissions:0", ApiUri + "/tasks.read");

    private static Task<Application?> FindAsync(IdPFactory factory, string clientId) =>
        factory.WithScopeAsync(sp => sp.GetRequiredService<ApplicationDirectory>().FindAsync(clientId, CancellationToken.None));
}

public sealed class ConfiguredApplicationsTestsOnSqlite : ConfiguredApplicationsTests<Sqlite>;

public sealed class ConfiguredApplicationsTestsOnPostgres : ConfiguredApplicationsTests<Postgres>;
