namespace IdP.Server.Tests.Infrastructure;

/// <summary>Web APIs and the clients that call them, registered as B2C's app registrations describe them.</summary>
public static class ApiStories
{
    /// <summary>Registers an API exposing <c>tasks.read</c> and <c>tasks.write</c> under a fresh App ID URI.</summary>
    public static Task<Application> RegisterApiAsync(this IdPFactory factory, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        name ??= "tasks-api-" + Guid.NewGuid().ToString("N")[..8];
        return factory.RegisterAppAsync(new AppRegistration("api-" + Guid.NewGuid().ToString("N")[..12], "Tasks API")
        {
            AppIdUri = $"https://{IdPFactory.TenantDomain}/{name}",
            ApiScopes = [new ApiScope("tasks.read", "Read tasks"), new ApiScope("tasks.write", "Write tasks")],
        });
    }

    /// <summary>The value clients request for one of the API's scopes.</summary>
    public static string Scope(this Application api, string name)
    {
        ArgumentNullException.ThrowIfNull(api);
        return api.ScopeValue(name)!;
    }

    /// <summary>
    /// Registers a client with permissions on <paramref name="permissions"/> (full scope values): a public client (PKCE)
    /// on the Web platform, or a confidential one with <paramref name="secret"/>, or a SPA.
    /// </summary>
    public static async Task<OidcClient> RegisterApiClientAsync(this IdPFactory factory, IReadOnlyList<string> permissions, string? secret = null, bool spa = false, bool allowClientCredentials = false, string redirectUri = "https://app.test/callback")
    {
        ArgumentNullException.ThrowIfNull(factory);
        var clientId = "client-" + Guid.NewGuid().ToString("N")[..12];
        await factory.RegisterAppAsync(new AppRegistration(clientId, "API client")
        {
            RedirectUris = spa ? [] : [redirectUri],
            SpaRedirectUris = spa ? [redirectUri] : [],
            ClientSecret = secret,
            AllowClientCredentials = allowClientCredentials,
            ApiPermissions = permissions,
        });
        return new OidcClient(factory, clientId, redirectUri) { ClientSecret = secret };
    }

    /// <summary>
    /// Validates <paramref name="token"/> as the server's own APIs do (OpenIddict validation, token-entry and
    /// authorization-entry checks on); throws <see cref="OpenIddictExceptions.ProtocolException"/> when refused.
    /// </summary>
    public static Task<System.Security.Claims.ClaimsPrincipal> ValidateAccessTokenAsync(this IdPFactory factory, string token)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return factory.WithScopeAsync(sp => sp.GetRequiredService<OpenIddict.Validation.OpenIddictValidationService>().ValidateAccessTokenAsync(token).AsTask());
    }

    /// <summary>Asserts that the server's own APIs refuse <paramref name="token"/> as an invalid token (revoked, expired or not an access token).</summary>
    public static async Task<OpenIddictExceptions.ProtocolException> AssertAccessTokenRefusedAsync(this IdPFactory factory, string token)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var refused = await Assert.ThrowsAsync<OpenIddictExceptions.ProtocolException>(() => factory.ValidateAccessTokenAsync(token));
        Assert.Equal(OpenIddictConstants.Errors.InvalidToken, refused.Error);
        return refused;
    }

    /// <summary>
    /// Signs <paramref name="user"/> in with a fresh browser through a client of a fresh API and returns the access token
    /// it redeemed, checked to validate as the server's own APIs do.
    /// </summary>
    public static async Task<string> SignedInApiAccessTokenAsync(this IdPFactory factory, TestUser user)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var api = await factory.RegisterApiAsync();
        var client = await factory.RegisterApiClientAsync([api.Scope("tasks.read")]);
        using var browser = factory.CreateBrowser();
        var tokens = await browser.SignInAndRedeemAsync(client, user, client.Authorize(scope: $"openid offline_access {api.Scope("tasks.read")}"));
        var token = tokens["access_token"]!;
        await factory.ValidateAccessTokenAsync(token);
        return token;
    }
}
