using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using IdP.Core.Contract;

namespace IdP.LoadGen;

/// <summary>Where the flows go and who signs in.</summary>
internal sealed record FlowSettings(Uri Origin, string Tenant, string Policy, string ClientId, string RedirectUri, string EmailFormat, string Password)
{
    public const string NewPassword = "Bench-Reset-Pass-7!";

    public static FlowSettings From(Arguments args) => new(
        new Uri(args.Get("base")),
        args.Get("tenant", "contoso"),
        args.Get("policy", "B2C_1_signin"),
        args.Get("client", "bench-web"),
        args.Get("redirect", "https://bench.test/callback"),
        args.Get("email-format", "bench{0}@bench.test"),
        args.Get("password", "Bench-Pass-42!"));

    public string Email(long index) => string.Format(CultureInfo.InvariantCulture, EmailFormat, index);

    public string Endpoint(string suffix) => $"/{Tenant}/{Policy}/oauth2/v2.0/{suffix}";
}

/// <summary>The steps a browser and an app take, as requests; each method is one measured operation.</summary>
internal static partial class Flows
{
    /// <summary>A fresh browser signs in through the form (code flow with PKCE) and the app redeems the code.</summary>
    public static async Task<string> SignInAsync(WebSession browser, HttpClient app, FlowSettings settings, string email, CancellationToken cancellationToken)
    {
        browser.ClearCookies();
        var request = AuthorizeRequest.Create(settings);
        var page = await browser.FollowAsync(await browser.GetAsync(request.Url, cancellationToken), cancellationToken);
        page.Expect(HttpStatusCode.OK, "sign-in page");
        var signedIn = await browser.PostAsync(browser.LastUrl, [
            new(PageElementIds.SignInName, email),
            new(PageElementIds.Password, settings.Password),
            new("__RequestVerificationToken", page.Antiforgery),
        ], cancellationToken);
        signedIn.Expect(HttpStatusCode.Found, "sign-in post");
        var code = request.CodeFrom(await browser.FollowAsync(signedIn, cancellationToken));
        return (await RedeemAsync(app, settings, request, code, cancellationToken)).RefreshToken;
    }

    /// <summary>Another sign-in of the same browser, answered by its SSO session: a new code and a new refresh-token family.</summary>
    public static async Task<string> SilentSignInAsync(WebSession browser, HttpClient app, FlowSettings settings, CancellationToken cancellationToken)
    {
        var request = AuthorizeRequest.Create(settings, prompt: null);
        var code = request.CodeFrom(await browser.FollowAsync(await browser.GetAsync(request.Url, cancellationToken), cancellationToken));
        return (await RedeemAsync(app, settings, request, code, cancellationToken)).RefreshToken;
    }

    /// <summary>One refresh grant: the refresh token is rotated, and the new one is returned.</summary>
    public static async Task<string> RefreshAsync(HttpClient app, FlowSettings settings, string refreshToken, CancellationToken cancellationToken)
    {
        var tokens = await TokenAsync(app, settings, [
            new("grant_type", "refresh_token"),
            new("client_id", settings.ClientId),
            new("refresh_token", refreshToken),
        ], cancellationToken);
        return tokens.RefreshToken != refreshToken ? tokens.RefreshToken : throw new FlowException("The refresh token was not rotated.");
    }

    /// <summary>
    /// The password-reset interrupt inside a sign-in: "Can't access your account?", send a code, read it from the
    /// mail, verify it, continue, choose a new password; done when the app receives its code.
    /// </summary>
    public static async Task ResetAsync(WebSession browser, FlowSettings settings, SmtpSink sink, string email, CancellationToken cancellationToken)
    {
        browser.ClearCookies();
        var request = AuthorizeRequest.Create(settings);
        var signInPage = await browser.FollowAsync(await browser.GetAsync(request.Url, cancellationToken), cancellationToken);
        var forgot = ForgotPasswordLink().Match(signInPage.Expect(HttpStatusCode.OK, "sign-in page").Body);
        if (!forgot.Success)
        {
            throw new FlowException("No 'Can't access your account?' link: is self-service reset on (IdP:PasswordReset:Mode)?");
        }

        var resetPage = (await browser.GetAsync(WebUtility.HtmlDecode(forgot.Groups[1].Value), cancellationToken)).Expect(HttpStatusCode.OK, "reset page");
        var resetUrl = browser.LastUrl;
        var code = sink.ExpectCode(email);
        try
        {
            var sent = await browser.PostAsync(resetUrl + "&handler=SendCode", [
                new(PageElementIds.Email, email),
                new("__RequestVerificationToken", resetPage.Antiforgery),
            ], cancellationToken);
            var codePage = (await browser.FollowAsync(sent.Expect(HttpStatusCode.Found, "send code"), cancellationToken)).Expect(HttpStatusCode.OK, "code page");

            var received = await code.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            var verified = await browser.PostAsync(resetUrl + "&handler=VerifyCode", [
                new(PageElementIds.Email, email),
                new(PageElementIds.EmailVerifyInput, received),
                new("__RequestVerificationToken", codePage.Antiforgery),
            ], cancellationToken);
            var verifiedPage = (await browser.FollowAsync(verified.Expect(HttpStatusCode.Found, "verify code"), cancellationToken)).Expect(HttpStatusCode.OK, "verified page");

            var continued = await browser.PostAsync(resetUrl + "&handler=Continue", [
                new(PageElementIds.Email, email),
                new("__RequestVerificationToken", verifiedPage.Antiforgery),
            ], cancellationToken);
            var newPasswordPage = (await browser.FollowAsync(continued.Expect(HttpStatusCode.Found, "continue"), cancellationToken)).Expect(HttpStatusCode.OK, "new password page");

            var changed = await browser.PostAsync(browser.LastUrl, [
                new(PageElementIds.NewPassword, FlowSettings.NewPassword),
                new(PageElementIds.ReenterPassword, FlowSettings.NewPassword),
                new("__RequestVerificationToken", newPasswordPage.Antiforgery),
            ], cancellationToken);
            request.CodeFrom(await browser.FollowAsync(changed.Expect(HttpStatusCode.Found, "new password"), cancellationToken));
        }
        finally
        {
            sink.Forget(email);
        }
    }

    private static Task<Tokens> RedeemAsync(HttpClient app, FlowSettings settings, AuthorizeRequest request, string code, CancellationToken cancellationToken) =>
        TokenAsync(app, settings, [
            new("grant_type", "authorization_code"),
            new("client_id", settings.ClientId),
            new("code", code),
            new("redirect_uri", settings.RedirectUri),
            new("code_verifier", request.Verifier),
        ], cancellationToken);

    private static async Task<Tokens> TokenAsync(HttpClient app, FlowSettings settings, KeyValuePair<string, string>[] form, CancellationToken cancellationToken)
    {
        using var content = new FormUrlEncodedContent(form);
        using var response = await app.PostAsync(new Uri(settings.Origin, settings.Endpoint("token")), content, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new FlowException($"token endpoint: {(int)response.StatusCode} {body[..Math.Min(300, body.Length)]}");
        }

        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        if (!root.TryGetProperty("access_token", out _) || !root.TryGetProperty("id_token", out _))
        {
            throw new FlowException("token endpoint: no access or ID token: " + body[..Math.Min(300, body.Length)]);
        }

        return new Tokens(root.TryGetProperty("refresh_token", out var refresh) ? refresh.GetString() ?? "" : "");
    }

    [GeneratedRegex("id=\"forgotPassword\" href=\"([^\"]+)\"")]
    private static partial Regex ForgotPasswordLink();

    private sealed record Tokens(string RefreshToken);
}

/// <summary>An authorize request with PKCE (S256), state and nonce, as MSAL sends one.</summary>
internal sealed record AuthorizeRequest(string Url, string Verifier, string State)
{
    public static AuthorizeRequest Create(FlowSettings settings, string? prompt = "login")
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var state = Base64Url(RandomNumberGenerator.GetBytes(12));
        var url = settings.Endpoint("authorize")
            + $"?client_id={Uri.EscapeDataString(settings.ClientId)}&redirect_uri={Uri.EscapeDataString(settings.RedirectUri)}"
            + $"&response_type=code&scope={Uri.EscapeDataString("openid offline_access")}&code_challenge={challenge}&code_challenge_method=S256"
            + $"&state={state}&nonce={Base64Url(RandomNumberGenerator.GetBytes(12))}" + (prompt is null ? "" : $"&prompt={prompt}");
        return new AuthorizeRequest(url, verifier, state);
    }

    /// <summary>The code from the redirect to the app; throws unless the flow ended there with this request's state.</summary>
    public string CodeFrom(Page page)
    {
        if (!page.IsRedirect || page.RedirectParameter("state") != State || page.RedirectParameter("code") is not { Length: > 0 } code)
        {
            throw new FlowException($"Expected a redirect to the app with a code, got {(int)page.Status} {page.Location} {page.Body[..Math.Min(300, page.Body.Length)]}");
        }

        return code;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
