using System.Text.Json;

namespace IdP.Server.RunNow;

/// <summary>
/// Redeems a run's code at the flow's token endpoint over HTTP, exactly as an app would (client id, reply URL, PKCE
/// verifier), so the viewer shows what the real token endpoint returns. Never retried: a code is single use, and a
/// second attempt after a lost answer would revoke what the first one issued.
/// </summary>
public sealed class CodeRedeemer(IHttpClientFactory clients, ILogger<CodeRedeemer> logger)
{
    public async Task<CodeRedemption> RedeemAsync(Uri tokenEndpoint, string clientId, string redirectUri, string code, string codeVerifier, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokenEndpoint);
        using var client = clients.CreateClient(RunNowBackchannel.ClientName);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = clientId,
            ["redirect_uri"] = redirectUri,
            ["code"] = code,
            ["code_verifier"] = codeVerifier,
        });

        try
        {
            using var response = await client.PostAsync(tokenEndpoint, form, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (response.IsSuccessStatusCode && Text(root, "id_token") is { } idToken)
            {
                return new CodeRedemption.Tokens(idToken, Text(root, "access_token"), Text(root, "refresh_token"), Text(root, "token_type"), Text(root, "scope"),
                    root.TryGetProperty("expires_in", out var expiresIn) && expiresIn.TryGetInt64(out var seconds) ? seconds : null);
            }

            return new CodeRedemption.Refused(Text(root, "error") ?? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), Text(root, "error_description"));
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Log.TokenEndpointUnreachable(logger, tokenEndpoint, exception);
            return new CodeRedemption.Unreachable();
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>What the token endpoint answered to a run's code.</summary>
public abstract record CodeRedemption
{
    private CodeRedemption()
    {
    }

    public sealed record Tokens(string IdToken, string? AccessToken, string? RefreshToken, string? TokenType, string? Scope, long? ExpiresIn) : CodeRedemption;

    /// <summary>The token endpoint refused the code (expired, already used, wrong verifier…).</summary>
    public sealed record Refused(string Error, string? Description) : CodeRedemption;

    /// <summary>The server could not reach its own token endpoint at the address the run used.</summary>
    public sealed record Unreachable : CodeRedemption;
}
