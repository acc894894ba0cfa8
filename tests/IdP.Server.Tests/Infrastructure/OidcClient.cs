using Microsoft.IdentityModel.Tokens;

namespace IdP.Server.Tests.Infrastructure;

/// <summary>
/// What a relying party does, written out: builds authorize requests (PKCE S256, nonce, state), redeems codes and
/// refresh tokens, and validates ID tokens against the flow's discovery document and JWKS.
/// </summary>
public sealed class OidcClient(IdPFactory factory, string clientId, string redirectUri)
{
    public string ClientId { get; } = clientId;
    public string RedirectUri { get; } = redirectUri;
    public string? ClientSecret { get; init; }

    /// <summary>A new authorize request with fresh state, nonce and PKCE verifier.</summary>
    public AuthorizeRequest Authorize(string policy = IdPFactory.SignInPolicy, string responseType = "code", string scope = "openid offline_access") =>
        new(ClientId, RedirectUri, policy, responseType, scope);

    /// <summary>POSTs to the flow's token endpoint; returns status and JSON body.</summary>
    public async Task<TokenResponse> RedeemCodeAsync(AuthorizeRequest request, string code, string? policy = null, bool queryForm = false)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await PostTokenAsync(policy ?? request.Policy, queryForm, new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = RedirectUri,
            ["code_verifier"] = request.CodeVerifier,
        });
    }

    public Task<TokenResponse> RefreshAsync(string refreshToken, string policy = IdPFactory.SignInPolicy, bool queryForm = false) =>
        PostTokenAsync(policy, queryForm, new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken });

    /// <summary>The client credentials grant, as a daemon (or the admin API's caller) uses it.</summary>
    public Task<TokenResponse> ClientCredentialsAsync(string? scope = null, string policy = IdPFactory.SignInPolicy)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials" };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        return PostTokenAsync(policy, false, form);
    }

    public Task<TokenResponse> PostTokenAsync(string policy, bool queryForm, Dictionary<string, string> form) =>
        PostTokenToAsync(queryForm ? $"/{IdPFactory.Tenant}/oauth2/v2.0/token?p={policy}" : $"/{IdPFactory.Tenant}/{policy}/oauth2/v2.0/token", form);

    /// <summary>POSTs to a token endpoint given by its path (any of B2C's forms), adding the client's id and secret.</summary>
    public async Task<TokenResponse> PostTokenToAsync(string url, Dictionary<string, string> form)
    {
        ArgumentNullException.ThrowIfNull(form);
        form["client_id"] = ClientId;
        if (ClientSecret is not null)
        {
            form["client_secret"] = ClientSecret;
        }

        using var client = factory.CreateClient(new() { BaseAddress = new Uri(IdPFactory.Origin), AllowAutoRedirect = false });
        using var response = await client.PostAsync(url, new FormUrlEncodedContent(form));
        var body = await response.Content.ReadAsStringAsync();
        return new TokenResponse((int)response.StatusCode, JsonDocument.Parse(body).RootElement.Clone(), response.Content.Headers.ContentType?.MediaType, response.Headers.RetryAfter?.Delta);
    }

    /// <summary>The flow's logout URL, as an app sends the browser to it.</summary>
    public static string LogoutUrl(string? postLogoutRedirectUri = null, string? state = null, string? idTokenHint = null, string policy = IdPFactory.SignInPolicy, bool queryForm = false, string? clientId = null)
    {
        var url = queryForm ? $"/{IdPFactory.Tenant}/oauth2/v2.0/logout?p={policy}" : $"/{IdPFactory.Tenant}/{policy}/oauth2/v2.0/logout";
        var parameters = new Dictionary<string, string?>
        {
            ["post_logout_redirect_uri"] = postLogoutRedirectUri,
            ["state"] = state,
            ["id_token_hint"] = idTokenHint,
            ["client_id"] = clientId,
        };
        return QueryHelpers.AddQueryString(url, parameters.Where(p => p.Value is not null));
    }

    /// <summary>Validates an ID token as a relying party would, returning the token (throws when invalid).</summary>
    public async Task<JsonWebToken> ValidateIdTokenAsync(string idToken, string policy = IdPFactory.SignInPolicy)
    {
        using var client = factory.CreateClient(new() { BaseAddress = new Uri(IdPFactory.Origin) });
        var discovery = await client.GetFromJsonAsync<JsonElement>($"/{IdPFactory.Tenant}/{policy}/v2.0/.well-known/openid-configuration");
        var jwksJson = await client.GetStringAsync(discovery.GetProperty("jwks_uri").GetString());
        var keys = new JsonWebKeySet(jwksJson).GetSigningKeys();
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            ValidIssuer = discovery.GetProperty("issuer").GetString(),
            ValidAudience = ClientId,
            IssuerSigningKeys = keys,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            LifetimeValidator = (notBefore, expires, _, _) => (notBefore is null || notBefore <= now.AddMinutes(5)) && expires > now,
        });
        return result.IsValid ? (JsonWebToken)result.SecurityToken : throw new InvalidOperationException("ID token is not valid: " + result.Exception);
    }
}

/// <summary>An authorize request an app sends.</summary>
public sealed record AuthorizeRequest(string ClientId, string RedirectUri, string Policy, string ResponseType, string Scope)
{
    public string State { get; init; } = Random();
    public string? Nonce { get; init; } = Random();
    public string CodeVerifier { get; init; } = Random() + Random();
    public string? ResponseMode { get; init; }
    public string? Prompt { get; init; }
    public int? MaxAge { get; init; }
    public string? UiLocales { get; init; }
    public bool Pkce { get; init; } = true;
    public bool QueryForm { get; init; }

    /// <summary>B2C's <c>/tfp/{tenant}/{policy}/…</c> form, the one MSAL.NET uses.</summary>
    public bool TfpForm { get; init; }

    public string TenantSegment { get; init; } = IdPFactory.Tenant;

    public string CodeChallenge => Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(CodeVerifier)));

    /// <summary>The URL the browser is sent to.</summary>
    public string Url
    {
        get
        {
            var url = QueryForm
                ? $"/{TenantSegment}/oauth2/v2.0/authorize?p={Uri.EscapeDataString(Policy)}"
                : $"{(TfpForm ? "/tfp" : "")}/{TenantSegment}/{Uri.EscapeDataString(Policy)}/oauth2/v2.0/authorize";
            var parameters = new Dictionary<string, string?>
            {
                ["client_id"] = ClientId,
                ["redirect_uri"] = RedirectUri,
                ["response_type"] = ResponseType,
                ["scope"] = Scope,
                ["state"] = State,
                ["nonce"] = Nonce,
                ["response_mode"] = ResponseMode,
                ["prompt"] = Prompt,
                ["max_age"] = MaxAge?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["ui_locales"] = UiLocales,
            };
            if (Pkce && ResponseType.Contains("code", StringComparison.Ordinal))
            {
                parameters["code_challenge"] = CodeChallenge;
                parameters["code_challenge_method"] = "S256";
            }

            return QueryHelpers.AddQueryString(url, parameters.Where(p => p.Value is not null));
        }
    }

    private static string Random() => Base64Url(RandomNumberGenerator.GetBytes(24));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>A token endpoint response.</summary>
public sealed record TokenResponse(int Status, JsonElement Json, string? MediaType = null, TimeSpan? RetryAfter = null)
{
    public string? Error => this["error"];

    public string? ErrorDescription => this["error_description"];

    public string? this[string name] => Json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
