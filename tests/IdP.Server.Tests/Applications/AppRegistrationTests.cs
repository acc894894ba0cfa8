namespace IdP.Server.Tests.Applications;

/// <summary>Registering applications as B2C does: platforms, secrets shown once and stored hashed, APIs and permissions.</summary>
public abstract class AppRegistrationTests(IdPFactory factory)
{
    [Theory]
    [InlineData("redirectUris", "ftp://app.test/cb")]
    [InlineData("redirectUris", "https://app.test/cb#fragment")]
    [InlineData("redirectUris", "https://*.app.test/cb")]
    [InlineData("redirectUris", "myapp://callback")]
    [InlineData("spaRedirectUris", "myapp://callback")]
    [InlineData("publicClientRedirectUris", "javascript:alert(1)")]
    [InlineData("publicClientRedirectUris", "not a url")]
    public async Task A_reply_url_its_platform_cannot_use_is_refused_with_the_field_named(string field, string uri)
    {
        var registration = new AppRegistration(NewClientId(), "Bad app") with
        {
            RedirectUris = field == "redirectUris" ? [uri] : [],
            SpaRedirectUris = field == "spaRedirectUris" ? [uri] : [],
            PublicClientRedirectUris = field == "publicClientRedirectUris" ? [uri] : [],
        };

        var result = await SaveAsync(registration);

        var invalid = Assert.IsType<AppChange.Invalid>(result);
        Assert.Contains(invalid.Errors, e => e.Field == field);
        Assert.Null(await FindOpenIddictAppAsync(registration.ClientId));
    }

    [Fact]
    public async Task Custom_schemes_and_loopback_addresses_are_accepted_on_the_public_client_platform()
    {
        var clientId = NewClientId();

        var result = await SaveAsync(new AppRegistration(clientId, "Desktop app") { PublicClientRedirectUris = ["msal" + clientId + "://auth", "http://localhost", "http://127.0.0.1/callback"] });

        var saved = Assert.IsType<AppChange.Saved>(result).Application;
        Assert.Equal(3, saved.RedirectUrisOn(AppPlatform.PublicClient).Count());
    }

    [Fact]
    public async Task A_configured_secret_shorter_than_sixteen_characters_is_refused_without_being_echoed()
    {
        var result = await SaveAsync(new AppRegistration(NewClientId(), "Weak secret") { RedirectUris = ["https://app.test/cb"], ClientSecret = "short-pass" });

        var invalid = Assert.IsType<AppChange.Invalid>(result);
        var error = Assert.Single(invalid.Errors);
        Assert.Equal("clientSecrets", error.Field);
        Assert.DoesNotContain("short-pass", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_generated_secret_is_returned_once_and_only_its_hash_is_stored()
    {
        var clientId = NewClientId();
        await SaveAsync(new AppRegistration(clientId, "Web app") { RedirectUris = ["https://app.test/cb"] });

        var created = Assert.IsType<SecretCreation.Created>(await factory.WithScopeAsync(sp =>
            sp.GetRequiredService<AppRegistrationService>().AddSecretAsync(clientId, "CI", null, CancellationToken.None)));

        Assert.True(created.Value.Length >= 40);
        Assert.Equal(created.Value[..3], created.Secret.Hint);
        var stored = await factory.WithDbAsync(db => db.ClientSecrets.AsNoTracking().SingleAsync(s => s.Id == created.Secret.Id));
        Assert.DoesNotContain(created.Value, stored.Hash, StringComparison.Ordinal);
        Assert.Equal(factory.Clock.GetUtcNow().AddDays(180).Date, stored.ExpiresAt!.Value.UtcDateTime.Date);

        // The application became a confidential client: the new secret now authenticates it.
        var client = new OidcClient(factory, clientId, "https://app.test/cb") { ClientSecret = created.Value };
        await factory.RegisterAppAsync(new AppRegistration(clientId, "Web app") { RedirectUris = ["https://app.test/cb"], AllowClientCredentials = true });
        Assert.Equal(200, (await client.ClientCredentialsAsync(scope: clientId)).Status);
    }

    [Fact]
    public async Task Two_secrets_both_work_for_rotation_until_one_expires_or_is_removed()
    {
        var clientId = NewClientId();
        await SaveAsync(new AppRegistration(clientId, "Daemon") { AllowClientCredentials = true, ClientSecret = "configured-secret-" + Guid.NewGuid() });
        var first = await AddSecretAsync(clientId, factory.Clock.GetUtcNow().AddDays(1));
        var second = await AddSecretAsync(clientId, factory.Clock.GetUtcNow().AddDays(30));

        Assert.Equal(200, (await Daemon(clientId, first.Value).ClientCredentialsAsync(scope: clientId)).Status);
        Assert.Equal(200, (await Daemon(clientId, second.Value).ClientCredentialsAsync(scope: clientId)).Status);

        factory.Clock.Advance(TimeSpan.FromDays(2));
        var expired = await Daemon(clientId, first.Value).ClientCredentialsAsync(scope: clientId);
        Assert.Equal("invalid_client", expired.Error);
        Assert.StartsWith("AADB2C90081:", expired.ErrorDescription, StringComparison.Ordinal);
        Assert.Equal(200, (await Daemon(clientId, second.Value).ClientCredentialsAsync(scope: clientId)).Status);

        await factory.WithScopeAsync(sp => sp.GetRequiredService<AppRegistrationService>().RemoveSecretAsync(clientId, second.Secret.Id, CancellationToken.None));
        Assert.Equal("invalid_client", (await Daemon(clientId, second.Value).ClientCredentialsAsync(scope: clientId)).Error);
    }

    [Fact]
    public async Task Changing_the_registration_keeps_generated_secrets_and_replaces_configured_ones()
    {
        var clientId = NewClientId();
        var oldConfigured = "configured-secret-old-" + Guid.NewGuid();
        var newConfigured = "configured-secret-new-" + Guid.NewGuid();
        await SaveAsync(new AppRegistration(clientId, "Daemon") { AllowClientCredentials = true, ClientSecret = oldConfigured });
        var generated = await AddSecretAsync(clientId, factory.Clock.GetUtcNow().AddDays(30));

        await SaveAsync(new AppRegistration(clientId, "Daemon") { AllowClientCredentials = true, ClientSecret = newConfigured });

        Assert.Equal("invalid_client", (await Daemon(clientId, oldConfigured).ClientCredentialsAsync(scope: clientId)).Error);
        Assert.Equal(200, (await Daemon(clientId, newConfigured).ClientCredentialsAsync(scope: clientId)).Status);
        Assert.Equal(200, (await Daemon(clientId, generated.Value).ClientCredentialsAsync(scope: clientId)).Status);
    }

    [Fact]
    public async Task A_permission_on_a_scope_no_api_defines_is_refused()
    {
        var result = await SaveAsync(new AppRegistration(NewClientId(), "Client") { RedirectUris = ["https://app.test/cb"], ApiPermissions = ["https://contoso.onmicrosoft.com/nothing-here/read"] });

        Assert.Contains(Assert.IsType<AppChange.Invalid>(result).Errors, e => e.Field == "apiPermissions");
    }

    [Fact]
    public async Task Two_apis_cannot_share_an_app_id_uri()
    {
        var appIdUri = "https://contoso.onmicrosoft.com/shared-" + Guid.NewGuid().ToString("N")[..8];
        await SaveAsync(new AppRegistration(NewClientId(), "API one") { AppIdUri = appIdUri, ApiScopes = [new ApiScope("read")] });

        var second = await SaveAsync(new AppRegistration(NewClientId(), "API two") { AppIdUri = appIdUri, ApiScopes = [new ApiScope("read")] });

        Assert.Contains(Assert.IsType<AppChange.Invalid>(second).Errors, e => e.Field == "appIdUri");
    }

    [Fact]
    public async Task Deleting_an_application_ends_its_client_id_and_its_api_scopes()
    {
        var api = await RegisterApiAsync();
        var apiAppIdUri = api.AppIdUri!;
        var client = await factory.RegisterClientAsync();
        await factory.RegisterAppAsync(new AppRegistration(client.ClientId, "Test app") { RedirectUris = [client.RedirectUri], ApiPermissions = [apiAppIdUri + "/tasks.read"] });

        await factory.WithScopeAsync(sp => sp.GetRequiredService<AppRegistrationService>().DeleteAsync(api.ClientId, CancellationToken.None));

        Assert.Null(await FindOpenIddictAppAsync(api.ClientId));
        Assert.Null(await factory.WithScopeAsync(sp => sp.GetRequiredService<IOpenIddictScopeManager>().FindByNameAsync(apiAppIdUri + "/tasks.read").AsTask()));
        var remaining = await factory.WithScopeAsync(sp => sp.GetRequiredService<ApplicationDirectory>().FindAsync(client.ClientId, CancellationToken.None));
        Assert.Empty(remaining!.ApiPermissions);
    }

    private Task<AppChange> SaveAsync(AppRegistration registration) =>
        factory.WithScopeAsync(sp => sp.GetRequiredService<AppRegistrationService>().SaveAsync(registration, CancellationToken.None));

    private async Task<SecretCreation.Created> AddSecretAsync(string clientId, DateTimeOffset expiresAt) =>
        Assert.IsType<SecretCreation.Created>(await factory.WithScopeAsync(sp =>
            sp.GetRequiredService<AppRegistrationService>().AddSecretAsync(clientId, null, expiresAt, CancellationToken.None)));

    private Task<object?> FindOpenIddictAppAsync(string clientId) =>
        factory.WithScopeAsync(sp => sp.GetRequiredService<IOpenIddictApplicationManager>().FindByClientIdAsync(clientId).AsTask());

    private OidcClient Daemon(string clientId, string secret) => new(factory, clientId, "https://app.test/cb") { ClientSecret = secret };

    private Task<Application> RegisterApiAsync() => factory.RegisterApiAsync();

    private static string NewClientId() => "app-" + Guid.NewGuid().ToString("N")[..12];
}

public sealed class AppRegistrationTestsOnSqlite(IdPFactory<Sqlite> factory) : AppRegistrationTests(factory), IClassFixture<IdPFactory<Sqlite>>;

public sealed class AppRegistrationTestsOnPostgres(IdPFactory<Postgres> factory) : AppRegistrationTests(factory), IClassFixture<IdPFactory<Postgres>>;
