namespace IdP.Core.Journeys;

/// <summary>
/// A digest of an app's authorize parameters, so a finished journey completes only the request that started it: the
/// browser that holds the journey cannot replay it with another reply URL, its own PKCE challenge, more scopes, or
/// another state or nonce. Order-independent, so the replay need not keep the app's parameter order.
/// </summary>
public static class AuthorizeRequestFingerprint
{
    /// <summary>Hex SHA-256 of the parameters (the caller leaves out <c>tx</c>, <c>p</c> and parameters without a value).</summary>
    public static string Compute(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (name, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal))
        {
            Append(hash, name);
            Append(hash, value);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    // Length-prefixed, so ("ab", "c") and ("a", "bc") differ.
    private static void Append(IncrementalHash hash, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        hash.AppendData(BitConverter.GetBytes(bytes.Length));
        hash.AppendData(bytes);
    }
}
