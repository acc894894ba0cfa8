using System.Buffers.Text;
using System.Text.Encodings.Web;

namespace IdP.Core.RunNow;

/// <summary>
/// Reads a compact JWT for display, as jwt.ms does: header and payload decoded and pretty-printed, and each claim with
/// its value (and, for the time claims, the time it stands for). It verifies nothing; see <see cref="TokenChecks"/>.
/// </summary>
public static class JwtDecoder
{
    /// <summary>Longer tokens are not decoded; ours are a few kilobytes.</summary>
    public const int MaxLength = 32 * 1024;

    /// <summary>Claims that hold a time as seconds since 1970 (RFC 7519 NumericDate).</summary>
    public static readonly IReadOnlySet<string> TimeClaims = new HashSet<string>(StringComparer.Ordinal) { "exp", "nbf", "iat", "auth_time" };

    private static readonly JsonSerializerOptions Pretty = new()
    {
        WriteIndented = true,
        // Display only (the page HTML-encodes it): keep '+', '<' and non-ASCII readable instead of \u escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Decodes <paramref name="token"/>, or says why it is not a readable JWT.</summary>
    public static JwtDecoding Decode(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return new JwtDecoding.NotReadable(JwtProblem.Empty);
        }

        if (token.Length > MaxLength)
        {
            return new JwtDecoding.NotReadable(JwtProblem.TooLong);
        }

        var parts = token.Split('.');
        if (parts.Length == 5)
        {
            return new JwtDecoding.NotReadable(JwtProblem.Encrypted);
        }

        if (parts.Length != 3 || ReadObject(parts[0]) is not { } header || ReadObject(parts[1]) is not { } payload)
        {
            return new JwtDecoding.NotReadable(JwtProblem.Malformed);
        }

        var claims = payload.EnumerateObject().Select(ToClaim).ToList();
        return new JwtDecoding.Decoded(new DecodedJwt(token, header, payload, JsonSerializer.Serialize(header, Pretty), JsonSerializer.Serialize(payload, Pretty), claims));
    }

    private static JsonElement? ReadObject(string part)
    {
        try
        {
            var bytes = Base64Url.DecodeFromChars(part);
            using var document = JsonDocument.Parse(bytes);
            return document.RootElement.ValueKind == JsonValueKind.Object && JsonText.IsReadable(document.RootElement) ? document.RootElement.Clone() : null;
        }
        catch (Exception exception) when (exception is FormatException or JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static DecodedClaim ToClaim(JsonProperty property)
    {
        var value = property.Value;
        var text = value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : JsonSerializer.Serialize(value, Pretty);
        DateTimeOffset? time = null;
        if (TimeClaims.Contains(property.Name) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds)
            && seconds is >= 0 and <= 253402300799)
        {
            time = DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        return new DecodedClaim(property.Name, text, value.ValueKind, time);
    }
}

/// <summary>Outcome of decoding a token for display.</summary>
public abstract record JwtDecoding
{
    private JwtDecoding()
    {
    }

    /// <summary>The token is a readable JWT.</summary>
    /// <param name="Token">Its header, payload and claims.</param>
    public sealed record Decoded(DecodedJwt Token) : JwtDecoding;

    /// <summary>The token cannot be shown decoded.</summary>
    /// <param name="Problem">Why not.</param>
    public sealed record NotReadable(JwtProblem Problem) : JwtDecoding;
}

/// <summary>Why a token could not be shown decoded.</summary>
public enum JwtProblem
{
    /// <summary>No token was given.</summary>
    Empty,

    /// <summary>Longer than <see cref="JwtDecoder.MaxLength"/>.</summary>
    TooLong,

    /// <summary>A JWE (five parts): only the server that encrypted it can read it, by design.</summary>
    Encrypted,

    /// <summary>Not three base64url parts whose header and payload are JSON objects.</summary>
    Malformed,
}

/// <summary>A decoded JWT: the raw token, header and payload (as JSON and pretty-printed) and its claims in order.</summary>
public sealed record DecodedJwt(string Raw, JsonElement Header, JsonElement Payload, string HeaderJson, string PayloadJson, IReadOnlyList<DecodedClaim> Claims)
{
    /// <summary>A header parameter's string value (<c>alg</c>, <c>kid</c>, <c>typ</c>), or null.</summary>
    public string? HeaderValue(string name) => Header.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A claim's string value, or null when absent or not a string.</summary>
    public string? Claim(string name) => Payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A time claim, or null when absent or not a number.</summary>
    public DateTimeOffset? Time(string name) => Claims.FirstOrDefault(c => c.Name == name)?.Time;

    /// <summary>The <c>aud</c> claim as a list (it may be a string or an array).</summary>
    public IReadOnlyList<string> Audiences => !Payload.TryGetProperty("aud", out var aud) ? []
        : aud.ValueKind == JsonValueKind.String ? [aud.GetString()!]
        : aud.ValueKind == JsonValueKind.Array ? [.. aud.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(a => a.GetString()!)]
        : [];
}

/// <summary>A claim as shown: its value as text (JSON for arrays, objects and numbers) and, for time claims, the time.</summary>
/// <param name="Name">The claim's name.</param>
/// <param name="Value">Strings as they are; other kinds as pretty-printed JSON.</param>
/// <param name="Kind">The JSON kind of the value.</param>
/// <param name="Time">The time, for claims that hold one (<c>exp</c>, <c>iat</c>…); otherwise null.</param>
public sealed record DecodedClaim(string Name, string Value, JsonValueKind Kind, DateTimeOffset? Time);
