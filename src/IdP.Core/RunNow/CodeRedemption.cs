namespace IdP.Core.RunNow;

/// <summary>What the token endpoint answered to a run's code.</summary>
public abstract record CodeRedemption
{
    private CodeRedemption()
    {
    }

    /// <summary>Reads the token endpoint's reply as an app would: tokens on success, else the OAuth error it names.</summary>
    public static CodeRedemption Read(int statusCode, ReadOnlyMemory<byte> body)
    {
        if (ReadObject(body) is not { } root)
        {
            return new Unreadable(statusCode);
        }

        if (statusCode is >= 200 and <= 299 && Text(root, "id_token") is { } idToken)
        {
            return new Tokens(idToken, Text(root, "access_token"), Text(root, "refresh_token"), Text(root, "token_type"), Text(root, "scope"),
                root.TryGetProperty("expires_in", out var expiresIn) && expiresIn.ValueKind == JsonValueKind.Number && expiresIn.TryGetInt64(out var seconds) ? seconds : null);
        }

        return new Refused(Text(root, "error") ?? statusCode.ToString(CultureInfo.InvariantCulture), Text(root, "error_description"));
    }

    private static JsonElement? ReadObject(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && JsonText.IsReadable(document.RootElement) ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The code was redeemed: the tokens, and the reply's other members as the viewer shows them.</summary>
    /// <param name="IdToken">The ID token.</param>
    /// <param name="AccessToken">The access token, when the run asked for an API scope.</param>
    /// <param name="RefreshToken">The refresh token, when the run asked for <c>offline_access</c>.</param>
    /// <param name="TokenType">The <c>token_type</c> member.</param>
    /// <param name="Scope">The <c>scope</c> member.</param>
    /// <param name="ExpiresIn">The <c>expires_in</c> member, in seconds.</param>
    public sealed record Tokens(string IdToken, string? AccessToken, string? RefreshToken, string? TokenType, string? Scope, long? ExpiresIn) : CodeRedemption;

    /// <summary>The token endpoint refused the code (expired, already used, wrong verifier…).</summary>
    /// <param name="Error">The OAuth <c>error</c>, or the HTTP status when the reply names none.</param>
    /// <param name="Description">The <c>error_description</c>, which starts with the AADB2C code.</param>
    public sealed record Refused(string Error, string? Description) : CodeRedemption;

    /// <summary>The reply was not a JSON object whose text can be read (an error page, or broken JSON).</summary>
    /// <param name="StatusCode">The HTTP status of the reply.</param>
    public sealed record Unreadable(int StatusCode) : CodeRedemption;
}
