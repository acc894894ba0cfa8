using Microsoft.Identity.Client;
using Microsoft.Identity.Client.Extensibility;

namespace IdP.Server.Tests.Clients;

/// <summary>
/// A desktop app on MSAL.NET, configured as B2C's docs configure one (<c>WithB2CAuthority</c> on the <c>/tfp/</c>
/// authority, a loopback redirect URI) with only the host changed, plus the user at its keyboard: a browser that
/// keeps the IdP's cookies between sign-ins, as the system browser does.
/// </summary>
internal sealed class DesktopApp : IDisposable
{
    /// <summary>
    /// MSAL's system-browser flow listens on whichever loopback port is free and sends it in redirect_uri; the app is
    /// registered with the bare <c>http://localhost</c>, so this port (nothing listens on it here) proves any port works.
    /// </summary>
    public const string RedirectUri = "http://localhost:51234/";

    private const string RegisteredRedirectUri = "http://localhost";

    private readonly CaTrustingMsalHttpClientFactory _http = new();

    private DesktopApp(ClientsIdPFactory idp, string clientId, TestUser user)
    {
        ClientId = clientId;
        Msal = PublicClientApplicationBuilder.Create(clientId)
            .WithB2CAuthority(idp.TfpAuthority)
            .WithRedirectUri(RedirectUri)
            .WithHttpClientFactory(_http)
            .Build();
        Browser = Browser.OverNetwork(TestCertificates.CreateTrustingHandler(), new Uri(idp.BaseUrl));
        WebUi = new SignInPageWebUi(Browser, user);
    }

    public string ClientId { get; }

    public IPublicClientApplication Msal { get; }

    /// <summary>The user's browser (its cookies are the IdP session).</summary>
    public Browser Browser { get; }

    public SignInPageWebUi WebUi { get; }

    /// <summary>Registers a desktop app on the public client platform with the given API permissions, and starts it for <paramref name="user"/>.</summary>
    public static async Task<DesktopApp> RegisterAsync(ClientsIdPFactory idp, TestUser user, params string[] apiPermissions)
    {
        ArgumentNullException.ThrowIfNull(idp);
        var clientId = ClientsIdPFactory.NewClientId("desktop");
        await idp.RegisterAppAsync(new AppRegistration(clientId, "Desktop app")
        {
            PublicClientRedirectUris = [RegisteredRedirectUri],
            ApiPermissions = apiPermissions,
        });
        return new DesktopApp(idp, clientId, user);
    }

    /// <summary>An interactive request that goes through the user's browser; add hints or a prompt, then execute it.</summary>
    public AcquireTokenInteractiveParameterBuilder Interactive(params string[] scopes) =>
        Msal.AcquireTokenInteractive(scopes).WithCustomWebUi(WebUi);

    /// <summary>An interactive sign-in, with MSAL's default prompt, through the IdP's sign-in page.</summary>
    public Task<AuthenticationResult> SignInAsync(params string[] scopes) => Interactive(scopes).ExecuteAsync();

    public void Dispose()
    {
        Browser.Dispose();
        _http.Dispose();
    }
}
