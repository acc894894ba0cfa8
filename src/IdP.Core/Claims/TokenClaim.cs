namespace IdP.Core.Claims;

/// <summary>A claim for the tokens of a sign-in, with the JSON shape it must have in the JWT.</summary>
/// <param name="Type">The claim's name in the JWT.</param>
/// <param name="Value">The value as text (for a JSON array, the array's JSON).</param>
/// <param name="Shape">How the value is written in the JWT.</param>
public sealed record TokenClaim(string Type, string Value, TokenClaimShape Shape = TokenClaimShape.Text);

/// <summary>How a claim's value is written in the JWT.</summary>
public enum TokenClaimShape
{
    /// <summary>A JSON string.</summary>
    Text,

    /// <summary>A JSON number (e.g. <c>auth_time</c>).</summary>
    Number,

    /// <summary>A JSON array; <see cref="TokenClaim.Value"/> holds the array's JSON (e.g. <c>emails</c>).</summary>
    JsonArray,
}
