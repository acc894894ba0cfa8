using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using IdP.Core.Limits;
using IdP.Server.ErrorPages;
using IdP.Server.Hosting;
using IdP.Server.Limits;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace IdP.Server.Admin;

/// <summary>
/// HTTP Basic with the credentials of IdP:Admin, compared in fixed time. Credentials are read only over HTTPS (unless
/// IdP:Server:RequireHttps is off), so they are never accepted after travelling in clear text. The challenge says what
/// is missing: 404 when no credentials are configured (the admin pages do not exist then), 400 over plain HTTP (asking
/// would invite the browser to send them in clear), else 401 with a Basic challenge.
/// </summary>
public sealed class AdminBasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptions<AdminOptions> admin,
    IOptions<ServerOptions> server,
    IStringLocalizer<AdminText> text,
    IStringLocalizer<ErrorText> errors)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    /// <summary>The <c>WWW-Authenticate</c> value that asks a browser for the credentials.</summary>
    public static string Challenge => $"Basic realm=\"{AdminAccess.Realm}\", charset=\"UTF-8\"";

    private LimitDecision.Throttled? _throttled;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var settings = admin.Value;
        if (!settings.IsConfigured || !CredentialsMayTravel() || string.IsNullOrEmpty(Request.Headers.Authorization))
        {
            return AuthenticateResult.NoResult();
        }

        // A client with too many wrong credentials is refused before they are compared, the right ones included.
        if (await AdminAuthenticationLimit.BeforeCheckAsync(Context, AdminCheck.BasicCredentials) is { } throttled)
        {
            _throttled = throttled;
            return AuthenticateResult.Fail("Too many failed admin credential checks from this client.");
        }

        // Both comparisons always run (& not &&), so the time taken does not say which part was wrong.
        if (!TryReadBasic(out var userName, out var password)
            || !(Matches(userName, settings.UserName!) & Matches(password, settings.Password!)))
        {
            await AdminAuthenticationLimit.FailedAsync(Context, AdminCheck.BasicCredentials);
            return AuthenticateResult.Fail("Wrong or malformed admin credentials.");
        }

        AdminAuthenticationLimit.Succeeded(Context, AdminCheck.BasicCredentials);
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, userName)], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (!admin.Value.IsConfigured)
        {
            return ErrorPage.Result(ErrorPage.Model(Context, errors["NotFoundTitle"], errors["NotFoundMessage"]), StatusCodes.Status404NotFound).ExecuteAsync(Context);
        }

        if (!CredentialsMayTravel())
        {
            return ErrorPage.Result(ErrorPage.Model(Context, errors["BadRequestTitle"], text["HttpsRequired"]), StatusCodes.Status400BadRequest).ExecuteAsync(Context);
        }

        if (_throttled is { } throttled)
        {
            return ThrottledAnswers.Page(Context, throttled).ExecuteAsync(Context);
        }

        Response.Headers.WWWAuthenticate = Challenge;
        return ErrorPage.Result(ErrorPage.Model(Context, text["SignInTitle"], text["SignInMessage"]), StatusCodes.Status401Unauthorized).ExecuteAsync(Context);
    }

    private bool CredentialsMayTravel() => Request.IsHttps || !server.Value.RequireHttps;

    private bool TryReadBasic(out string userName, out string password)
    {
        userName = password = "";
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization.ToString(), out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is not { Length: > 0 and < 4096 } encoded)
        {
            return false;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                return false;
            }

            userName = decoded[..colon];
            password = decoded[(colon + 1)..];
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    // Hashing first makes both sides the same length, so the comparison takes the same time whatever was sent.
    private static bool Matches(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
