namespace IdP.Core.Claims;

/// <summary>
/// B2C's <c>client_info</c> token response parameter, which MSAL asks for (<c>client_info=1</c>) to build its account
/// id: base64url JSON <c>{"uid":"{oid}-{policy}","utid":"{tenantId}"}</c>, the policy in lower case. With it, MSAL's
/// account ids are the ones B2C gives, so caches and <c>GetAccountsAsync(policy)</c> work unchanged.
/// </summary>
public static class ClientInfo
{
    /// <summary>The request parameter clients send to ask for it.</summary>
    public const string Parameter = "client_info";

    /// <summary>The encoded value for an account signing in through <paramref name="policy"/>.</summary>
    public static string Encode(Guid objectId, string policy, Guid tenantId)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var json = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
        {
            ["uid"] = $"{objectId:D}-{policy.ToLowerInvariant()}",
            ["utid"] = tenantId.ToString("D"),
        });
        return Convert.ToBase64String(json).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The decoded JSON, for tests and diagnostics.</summary>
    public static string Decode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var base64 = value.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
    }
}
