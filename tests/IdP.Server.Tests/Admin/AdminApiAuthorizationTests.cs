namespace IdP.Server.Tests.Admin;

/// <summary>
/// Who may call the admin API: only a bearer access token of this server with scope idp.admin (audience idp-admin),
/// unexpired and unrevoked. Without one the answer is 401 with a Bearer challenge; with a token for something else, 403.
/// Both are problem details, as every error of the API.
/// </summary>
public abstract class AdminApiAuthorizationTests(IdPFactory factory)
{
    private readonly AdminApiClient _admin = new(factory);

    [Fact]
    public async Task A_valid_admin_token_is_let_in()
    {
        (await _admin.GetAsync("applications")).Expect(200);
    }

    [Fact]
    public async Task Without_a_token_the_api_answers_401_with_a_bearer_challenge()
    {
        using var client = factory.CreateHttpClient();
        using var response = await client.GetAsync("/admin/api/applications");

        var answer = await AdminResponse.ReadAsync(response);
        answer.Expect(401);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        Assert.Equal("application/problem+json", answer.MediaType);
    }

    [Fact]
    public async Task A_malformed_token_answers_401()
    {
        var answer = await _admin.SendAsync(HttpMethod.Get, "users", token: "not-a-token");

        answer.Expect(401);
        Assert.Contains(answer.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        Assert.Equal("application/problem+json", answer.MediaType);
    }

    [Fact]
    public async Task A_token_without_the_admin_scope_answers_403()
    {
        var daemon = await factory.RegisterClientAsync(secret: "daemon-secret-0123456789abc", allowClientCredentials: true);
        var token = await _admin.NewTokenAsync(daemon.ClientId, daemon.ClientSecret!, scope: daemon.ClientId);

        var answer = await _admin.SendAsync(HttpMethod.Get, "applications", token: token);

        answer.Expect(403);
        Assert.Equal("application/problem+json", answer.MediaType);
    }

    [Fact]
    public async Task An_application_whose_client_id_is_the_admin_audience_gets_403_and_takes_nothing_from_the_admin_api()
    {
        // Today's rules refuse the client id idp-admin; an app stored before them has tokens for the admin API's
        // audience, without its scope.
        const string secret = "lookalike-secret-0123456789";
        await StoreAppWithTheAdminAudienceAsItsClientIdAsync(secret);
        var token = await _admin.NewTokenAsync(ServerApi.Audience, secret, scope: ServerApi.Audience);
        Assert.Equal([ServerApi.Audience], new JsonWebToken(token).Audiences);

        var answer = await _admin.SendAsync(HttpMethod.Get, "users", token: token);

        answer.Expect(403);
        Assert.Equal("application/problem+json", answer.MediaType);

        // Its registration left the admin API's scope alone: the admin client still gets admin tokens.
        (await _admin.SendAsync(HttpMethod.Get, "users", token: await _admin.NewTokenAsync())).Expect(200);
    }

    /// <summary>
    /// A confidential app with client credentials whose client id is idp-admin, written as a version without the rule
    /// stored it: registered under another id, renamed in the table, then written to OpenIddict as every save does.
    /// </summary>
    private Task StoreAppWithTheAdminAudienceAsItsClientIdAsync(string secret)
    {
        var standIn = "stand-in-" + Guid.NewGuid().ToString("N")[..8];
        return factory.WithScopeAsync(async sp =>
        {
            var app = await factory.RegisterAppAsync(new AppRegistration(standIn, "Look-alike audience") { ClientSecret = secret, AllowClientCredentials = true });
            var protocol = sp.GetRequiredService<IApplicationProtocolStore>();
            await protocol.DeleteAsync(standIn, CancellationToken.None);
            var db = sp.GetRequiredService<IdPDbContext>();
            await db.Applications.Where(a => a.Id == app.Id).ExecuteUpdateAsync(set => set.SetProperty(a => a.ClientId, ServerApi.Audience));
            app.ClientId = ServerApi.Audience;
            app.Secrets = await db.ClientSecrets.AsNoTracking().Where(s => s.ApplicationId == app.Id).ToListAsync();
            await protocol.SaveAsync(new ProtocolApplication(app, [], []), CancellationToken.None);
            return app;
        });
    }

    [Fact]
    public async Task A_users_token_for_an_api_whose_scope_is_also_named_idp_admin_answers_403()
    {
        // An API registered before the name was reserved keeps its scope idp.admin: its tokens carry scp "idp.admin"
        // but are for that API, not ours.
        var api = await RegisterApiStoredBeforeTheAdminScopeNameWasReservedAsync();
        var client = await factory.RegisterApiClientAsync([api.Scope(ServerApi.AdminScope)]);
        var user = await factory.CreateUserAsync();
        using var browser = factory.CreateBrowser();
        var tokens = await browser.SignInAndRedeemAsync(client, user, client.Authorize(scope: $"openid {api.Scope(ServerApi.AdminScope)}"));
        var accessToken = new JsonWebToken(tokens["access_token"]);
        Assert.Equal(ServerApi.AdminScope, accessToken.GetClaim("scp").Value);
        Assert.Equal([api.ClientId], accessToken.Audiences);

        var answer = await _admin.SendAsync(HttpMethod.Get, "users", token: tokens["access_token"]);

        answer.Expect(403);
        Assert.Equal("application/problem+json", answer.MediaType);
    }

    /// <summary>An API with a scope named idp.admin, written as a version without the rule stored it (today's rules refuse it).</summary>
    private Task<Application> RegisterApiStoredBeforeTheAdminScopeNameWasReservedAsync()
    {
        var clientId = "api-" + Guid.NewGuid().ToString("N")[..12];
        return factory.WithScopeAsync(async sp =>
        {
            await factory.RegisterAppAsync(new AppRegistration(clientId, "Look-alike API") { AppIdUri = $"https://{IdPFactory.TenantDomain}/lookalike-{Guid.NewGuid():N}" });
            var db = sp.GetRequiredService<IdPDbContext>();
            var api = await db.Applications.SingleAsync(a => a.ClientId == clientId);
            api.ApiScopes = [new ApiScope(ServerApi.AdminScope, "Looks like the admin scope")];
            await db.SaveChangesAsync();
            var scope = new OpenIddictScopeDescriptor { Name = api.ScopeValue(ServerApi.AdminScope), DisplayName = api.DisplayName };
            scope.Resources.Add(clientId);
            await sp.GetRequiredService<IOpenIddictScopeManager>().CreateAsync(scope);
            return api;
        });
    }

    [Fact]
    public async Task An_application_allowed_admin_api_access_may_call_it_and_is_named_as_actor()
    {
        var clientId = "ops-" + Guid.NewGuid().ToString("N")[..8];
        await factory.RegisterAppAsync(new AppRegistration(clientId, "Ops script") { ClientSecret = "ops-script-secret-0123456789", AdminApiAccess = true });
        var token = await _admin.NewTokenAsync(clientId, "ops-script-secret-0123456789");

        var created = await _admin.SendAsync(HttpMethod.Post, "groups", new { name = "by-" + clientId }, token: token);

        created.Expect(201);
        var events = await _admin.GetAsync("audit-log?type=admin.group.created");
        Assert.Contains(events.Json.GetProperty("items").EnumerateArray(), e => e.GetProperty("clientId").GetString() == clientId);
    }

    [Fact]
    public async Task An_expired_token_answers_401()
    {
        var token = await _admin.NewTokenAsync();
        (await _admin.SendAsync(HttpMethod.Get, "applications", token: token)).Expect(200);

        factory.Clock.Advance(TimeSpan.FromHours(25));

        var answer = await _admin.SendAsync(HttpMethod.Get, "applications", token: token);
        answer.Expect(401);
        Assert.Contains(answer.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        _admin.ForgetToken();
    }

    [Fact]
    public async Task A_revoked_token_answers_401()
    {
        var token = await _admin.NewTokenAsync();
        (await _admin.SendAsync(HttpMethod.Get, "applications", token: token)).Expect(200);

        await factory.WithScopeAsync(async sp =>
        {
            var tokens = sp.GetRequiredService<IOpenIddictTokenManager>();
            var id = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token).Id;
            var entry = await tokens.FindByIdAsync(id) ?? throw new InvalidOperationException("No token entry for " + id);
            Assert.True(await tokens.TryRevokeAsync(entry));
        });

        (await _admin.SendAsync(HttpMethod.Get, "applications", token: token)).Expect(401);
    }
}

public sealed class AdminApiAuthorizationTestsOnSqlite(AdminApiFactory<Sqlite> factory) : AdminApiAuthorizationTests(factory), IClassFixture<AdminApiFactory<Sqlite>>;

public sealed class AdminApiAuthorizationTestsOnPostgres(AdminApiFactory<Postgres> factory) : AdminApiAuthorizationTests(factory), IClassFixture<AdminApiFactory<Postgres>>;
