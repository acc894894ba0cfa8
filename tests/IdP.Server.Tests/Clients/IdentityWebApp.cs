using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Identity.Client;
using Microsoft.Identity.Web;

namespace IdP.Server.Tests.Clients;

/// <summary>
/// A web app on Microsoft.Identity.Web, configured as B2C's docs configure one (an <c>AzureAdB2C</c> section with
/// Instance, Domain, ClientId, the sign-in policy and callback paths) with only the host changed. Signed in only, it
/// uses the library's default flow (an ID token posted back with form_post). Calling the tasks API, it adds a client
/// secret and <c>EnableTokenAcquisitionToCallDownstreamApi</c>: the code flow, with the code redeemed by MSAL.
/// </summary>
public sealed class IdentityWebApp : IAsyncDisposable
{
    public const string ProtectedPath = "/protected";
    public const string TasksPath = "/tasks";
    public const string SignOutPath = "/signout";
    public const string CallbackPath = "/signin-oidc";
    public const string SignedOutCallbackPath = "/signout/" + IdPFactory.SignInPolicy;

    private const string TasksApiClient = "tasks-api";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _failures;

    private IdentityWebApp(WebApplication app, string clientId, ConcurrentQueue<string> failures)
    {
        _app = app;
        _failures = failures;
        ClientId = clientId;
        BaseUrl = LoopbackHttps.BaseUrl(app);
    }

    public string ClientId { get; }

    public Uri BaseUrl { get; }

    /// <summary>Sign-in failures the OpenID Connect handler reported (the library turns them into a redirect to an error page).</summary>
    public string Failures => string.Join(Environment.NewLine, _failures);

    public Uri Url(string path) => new(BaseUrl, path);

    /// <summary>Starts a web app that only signs users in, and registers it (implicit ID token allowed: its default flow needs it).</summary>
    public static Task<IdentityWebApp> StartSigningInAsync(ClientsIdPFactory idp) => StartAsync(idp, tasksApi: null);

    /// <summary>Starts a web app that calls the tasks API at <paramref name="tasksApi"/> for the signed-in user, and registers it.</summary>
    public static Task<IdentityWebApp> StartCallingTasksApiAsync(ClientsIdPFactory idp, Uri tasksApi) => StartAsync(idp, tasksApi ?? throw new ArgumentNullException(nameof(tasksApi)));

    private static async Task<IdentityWebApp> StartAsync(ClientsIdPFactory idp, Uri? tasksApi)
    {
        ArgumentNullException.ThrowIfNull(idp);
        var clientId = ClientsIdPFactory.NewClientId(tasksApi is null ? "web" : "web-api-caller");
        var secret = tasksApi is null ? null : "web-secret-" + Guid.NewGuid().ToString("N");
        var settings = new Dictionary<string, string?>
        {
            ["AzureAdB2C:Instance"] = idp.BaseUrl + "/",
            ["AzureAdB2C:Domain"] = IdPFactory.TenantDomain,
            ["AzureAdB2C:ClientId"] = clientId,
            ["AzureAdB2C:ClientSecret"] = secret,
            ["AzureAdB2C:SignUpSignInPolicyId"] = IdPFactory.SignInPolicy,
            ["AzureAdB2C:CallbackPath"] = CallbackPath,
            ["AzureAdB2C:SignedOutCallbackPath"] = SignedOutCallbackPath,
        };
        var builder = LoopbackHttps.CreateBuilder(settings);
        var authentication = builder.Services.AddAuthentication(OpenIdConnectDefaults.AuthenticationScheme)
            .AddMicrosoftIdentityWebApp(builder.Configuration.GetSection("AzureAdB2C"));
        if (tasksApi is not null)
        {
            authentication.EnableTokenAcquisitionToCallDownstreamApi([TasksApi.ReadScope]).AddInMemoryTokenCaches();
            builder.Services.AddHttpClient(TasksApiClient).ConfigurePrimaryHttpMessageHandler(TestCertificates.CreateTrustingHandler);
        }

        // Trust for the test CA, three ways, as each back channel has its own HTTP client. The handler's must be set
        // after AddMicrosoftIdentityWebApp, whose own configuration would otherwise overwrite it.
        var failures = new ConcurrentQueue<string>();
        builder.Services.Configure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, options =>
        {
            options.BackchannelHttpHandler = TestCertificates.CreateTrustingHandler();
            var reportFailure = options.Events.OnRemoteFailure;
            options.Events.OnRemoteFailure = context =>
            {
                failures.Enqueue(context.Failure?.ToString() ?? "Remote failure without an exception.");
                return reportFailure(context);
            };
        });
        builder.Services.TrustTestCaForIssuerValidation();
        builder.Services.AddSingleton<IMsalHttpClientFactory, CaTrustingMsalHttpClientFactory>();
        builder.Services.AddAuthorization();

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/", (ClaimsPrincipal user) => Results.Content(HomePage(user), "text/html"));
        app.MapGet(ProtectedPath, (ClaimsPrincipal user) => Results.Content(RelyingPartyApp.ClaimsPage(user), "text/html")).RequireAuthorization();
        app.MapGet(SignOutPath, () => Results.SignOut(
            new AuthenticationProperties { RedirectUri = "/" },
            [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme]));
        if (tasksApi is not null)
        {
            app.MapGet(TasksPath, (ITokenAcquisition tokens, IHttpClientFactory clients, bool? refresh) => TasksPageAsync(tokens, clients, tasksApi, refresh == true))
                .RequireAuthorization();
        }

        await app.StartAsync();
        var web = new IdentityWebApp(app, clientId, failures);
        await idp.RegisterAppAsync(new AppRegistration(clientId, "Web app")
        {
            RedirectUris = [web.Url(CallbackPath).AbsoluteUri],
            PostLogoutRedirectUris = [web.Url(SignedOutCallbackPath).AbsoluteUri],
            ClientSecret = secret,
            AllowImplicitIdToken = tasksApi is null,
            ApiPermissions = tasksApi is null ? [] : [TasksApi.ReadScope],
        });
        return web;
    }

    // What an app calling an API does: a token for the signed-in user from MSAL's cache (refreshed when asked), then the call.
    private static async Task<IResult> TasksPageAsync(ITokenAcquisition tokens, IHttpClientFactory clients, Uri tasksApi, bool refresh)
    {
        var token = await tokens.GetAccessTokenForUserAsync([TasksApi.ReadScope], tokenAcquisitionOptions: new TokenAcquisitionOptions { ForceRefresh = refresh });
        using var client = clients.CreateClient(TasksApiClient);
        using var request = new HttpRequestMessage(HttpMethod.Get, tasksApi);
        request.Headers.Authorization = new("Bearer", token);
        using var response = await client.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            return Results.Content($"<p id=\"apiError\">{(int)response.StatusCode} {WebUtility.HtmlEncode(response.Headers.WwwAuthenticate.ToString())}</p>", "text/html", statusCode: StatusCodes.Status502BadGateway);
        }

        var list = await response.Content.ReadFromJsonAsync<TaskList>();
        var html = new StringBuilder("<!DOCTYPE html><html><body><p id=\"owner\">").Append(WebUtility.HtmlEncode(list?.Owner)).Append("</p><ul id=\"tasks\">");
        foreach (var task in list?.Tasks ?? [])
        {
            html.Append("<li>").Append(WebUtility.HtmlEncode(task)).Append("</li>");
        }

        return Results.Content(html.Append("</ul></body></html>").ToString(), "text/html");
    }

    private static string HomePage(ClaimsPrincipal user) =>
        $"<!DOCTYPE html><html><body><p id=\"home\">{(user.Identity?.IsAuthenticated == true ? "Signed in" : "Not signed in")}</p></body></html>";

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
