using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace IdP.Server.Tests.Infrastructure;

/// <summary>
/// A relying party as app developers write one: ASP.NET Core's OpenID Connect handler configured with nothing but the
/// B2C-shaped authority, a client id and (optionally) a secret. It runs in-process on its own TestServer at
/// <see cref="Origin"/>; its back channel (discovery, JWKS, token endpoint) reaches the IdP's TestServer.
/// </summary>
public sealed class RelyingPartyApp : IAsyncDisposable
{
    public const string Host = "rp.test";
    public const string Origin = "https://" + Host;
    public const string CallbackUri = Origin + "/signin-oidc";
    public const string SignedOutCallbackUri = Origin + "/signout-callback-oidc";
    public const string ProtectedPath = "/protected";
    public const string SignOutPath = "/signout";

    private readonly WebApplication _app;

    private RelyingPartyApp(WebApplication app) => _app = app;

    /// <summary>The handler a browser uses to reach the app.</summary>
    public HttpMessageHandler CreateHandler() => _app.GetTestServer().CreateHandler();

    /// <summary>Starts the app against the IdP with <paramref name="authority"/> as its only IdP setting.</summary>
    public static async Task<RelyingPartyApp> StartAsync(IdPFactory idp, string authority, string clientId, string? clientSecret)
    {
        ArgumentNullException.ThrowIfNull(idp);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        builder.WebHost.UseTestServer();
        builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie()
            .AddOpenIdConnect(options =>
            {
                options.Authority = authority;
                options.ClientId = clientId;
                options.ClientSecret = clientSecret;
                options.ResponseType = "code";
                options.SaveTokens = true;
                options.MapInboundClaims = false;
                options.TokenValidationParameters.NameClaimType = "name";

                // Test plumbing only: the IdP listens on plain HTTP inside the test process.
                options.RequireHttpsMetadata = false;
                options.BackchannelHttpHandler = idp.Server.CreateHandler();
            });
        builder.Services.AddAuthorization();

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet(ProtectedPath, (ClaimsPrincipal user) => Results.Content(ClaimsPage(user), "text/html")).RequireAuthorization();
        app.MapGet(SignOutPath, () => Results.SignOut(
            new AuthenticationProperties { RedirectUri = "/signed-out" },
            [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme]));
        app.MapGet("/signed-out", () => Results.Content("<p id=\"signedOut\">Signed out of the app.</p>", "text/html"));
        await app.StartAsync();
        return new RelyingPartyApp(app);
    }

    /// <summary>The signed-in user's name and every claim, each in a <c>dd[data-claim]</c> the tests read.</summary>
    internal static string ClaimsPage(ClaimsPrincipal user)
    {
        var html = new StringBuilder("<!DOCTYPE html><html><body><h1 id=\"hello\">Hello ")
            .Append(WebUtility.HtmlEncode(user.Identity?.Name)).Append("</h1><dl id=\"claims\">");
        foreach (var claim in user.Claims)
        {
            html.Append("<dt>").Append(WebUtility.HtmlEncode(claim.Type)).Append("</dt><dd data-claim=\"")
                .Append(WebUtility.HtmlEncode(claim.Type)).Append("\">").Append(WebUtility.HtmlEncode(claim.Value)).Append("</dd>");
        }

        return html.Append("</dl></body></html>").ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
