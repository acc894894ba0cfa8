namespace IdP.Server.Limits;

/// <summary>The client of a request as the limits count it (after forwarded headers, when those are trusted).</summary>
internal static class ClientAddress
{
    public static ClientNetwork ClientNetwork(this HttpContext http) => Core.Limits.ClientNetwork.Of(http.Connection.RemoteIpAddress);

    /// <summary>Counts one hit of <paramref name="limit"/> for this request's client.</summary>
    public static Task<LimitDecision> HitLimitAsync(this HttpContext http, AbuseLimit limit) =>
        http.RequestServices.GetRequiredService<AbuseLimiter>().HitAsync(limit, http.ClientNetwork(), http.RequestAborted);

    /// <summary>Whether this request's client has used up <paramref name="limit"/>, without counting.</summary>
    public static Task<LimitDecision> CheckLimitAsync(this HttpContext http, AbuseLimit limit) =>
        http.RequestServices.GetRequiredService<AbuseLimiter>().CheckAsync(limit, http.ClientNetwork(), http.RequestAborted);
}
