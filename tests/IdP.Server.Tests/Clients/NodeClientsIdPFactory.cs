namespace IdP.Server.Tests.Clients;

/// <summary>
/// The HTTPS server with what Microsoft's MSAL.js samples expect to find in a B2C tenant: an API exposing one scope,
/// a confidential web app (msal-node) and a single-page app (msal-browser) both allowed to call it, and a user.
/// <see cref="NodeEnvironment"/> hands all of it to the Node tests in <c>tests/clients</c>.
/// </summary>
public sealed class NodeClientsIdPFactory : HttpsIdPFactory
{
    public const string ApiClientId = "tasks-api";
    public const string ApiAppIdUri = "https://contoso.onmicrosoft.com/tasks-api";
    public const string ApiScopeName = "tasks.read";
    public const string WebClientId = "node-web-app";
    public const string SpaClientId = "node-spa";

    private static readonly string ApiScope = ApiScopeValue.Format(ApiAppIdUri, ApiScopeName);

    // A configured secret, so the test knows it (generated ones are shown once); long enough for the rule.
    private readonly string _webClientSecret = "node-web-secret-" + Guid.NewGuid().ToString("N");

    // The web app never listens here: msal-node only reads the code from the IdP's redirect to it.
    private readonly int _webAppPort = LoopbackPort.Free();

    // Another port than the IdP's, so the SPA is another origin and the browser enforces CORS.
    private readonly int _spaPort = LoopbackPort.Free();

    private TestUser? _user;

    private string WebRedirectUri => $"http://localhost:{_webAppPort}/redirect";

    private string WebPostLogoutUri => $"http://localhost:{_webAppPort}/signed-out";

    // Another site too, as an app is beside B2C's b2clogin.com: the IdP is localhost, the SPA 127.0.0.1 (also in the test
    // certificate). Cookies know no ports, so on localhost the IdP's iframe in the SPA would be same-site and carry
    // SameSite=Lax cookies that no real deployment's iframe carries.
    private string SpaOrigin => $"https://127.0.0.1:{_spaPort}";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _user = await this.CreateUserAsync();
        await RegisterAppAsync(new AppRegistration(ApiClientId, "Tasks API")
        {
            AppIdUri = ApiAppIdUri,
            ApiScopes = [new ApiScope(ApiScopeName)],
        });
        await RegisterAppAsync(new AppRegistration(WebClientId, "Tasks web app (msal-node)")
        {
            RedirectUris = [WebRedirectUri],
            ClientSecret = _webClientSecret,
            ApiPermissions = [ApiScope],
            PostLogoutRedirectUris = [WebPostLogoutUri],
        });
        await RegisterAppAsync(new AppRegistration(SpaClientId, "Tasks SPA (msal-browser)")
        {
            // index.html for loginRedirect; redirect.html (msal-browser's redirect bridge) for ssoSilent's iframe.
            SpaRedirectUris = [SpaOrigin + "/index.html", SpaOrigin + "/redirect.html"],
            ApiPermissions = [ApiScope],
            PostLogoutRedirectUris = [SpaOrigin + "/signed-out.html"],
        });
    }

    /// <summary>The variables <c>tests/clients/lib/settings.mjs</c> reads, plus Node's trust in the test CA.</summary>
    public IReadOnlyDictionary<string, string> NodeEnvironment()
    {
        var user = _user ?? throw new InvalidOperationException("The server has not started.");
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["IDP_BASE_URL"] = BaseUrl,
            ["IDP_TENANT_DOMAIN"] = TenantDomain,
            ["IDP_POLICY"] = SignInPolicy,
            ["IDP_USER"] = user.Email,
            ["IDP_PASSWORD"] = user.Password,
            ["IDP_API_CLIENT_ID"] = ApiClientId,
            ["IDP_API_SCOPE"] = ApiScope,
            ["IDP_WEB_CLIENT_ID"] = WebClientId,
            ["IDP_WEB_CLIENT_SECRET"] = _webClientSecret,
            ["IDP_WEB_REDIRECT_URI"] = WebRedirectUri,
            ["IDP_WEB_POST_LOGOUT_URI"] = WebPostLogoutUri,
            ["IDP_SPA_CLIENT_ID"] = SpaClientId,
            ["IDP_SPA_ORIGIN"] = SpaOrigin,
            // Node reads this once at start; it adds the test CA to the bundled roots, it does not replace them.
            ["NODE_EXTRA_CA_CERTS"] = TestCertificates.CaPemPath,
            ["IDP_TLS_CERT"] = TestCertificates.ServerCertPemPath,
            ["IDP_TLS_KEY"] = TestCertificates.ServerKeyPemPath,
            ["IDP_TLS_SPKI"] = TestCertificates.ServerSpkiHash,
            ["IDP_CHROMIUM"] = Environment.GetEnvironmentVariable("IDP_CHROMIUM") is { Length: > 0 } chromium ? chromium : "/usr/bin/chromium",
            ["IDP_SCREENSHOTS"] = Chromium.ScreenshotFolder,
        };
    }
}
