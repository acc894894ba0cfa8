namespace IdP.Server.Limits;

/// <summary>
/// Every admin credential check goes through here: refused at once (429) while the client has used up
/// <see cref="AbuseLimit.AdminAuthentication"/> with failures, each failure counted and logged, each success logged.
/// </summary>
internal static class AdminAuthenticationLimit
{
    /// <summary>The refusal when the client has had too many failed admin credential checks; null when it may try.</summary>
    public static async Task<LimitDecision.Throttled?> BeforeCheckAsync(HttpContext http, AdminCheck check)
    {
        if (await http.CheckLimitAsync(AbuseLimit.AdminAuthentication) is not LimitDecision.Throttled throttled)
        {
            return null;
        }

        Log.AdminCheckThrottled(Logger(http), check, http.ClientNetwork().Address);
        return throttled;
    }

    /// <summary>Counts and logs a failed check.</summary>
    public static async Task FailedAsync(HttpContext http, AdminCheck check)
    {
        Log.AdminCredentialsRefused(Logger(http), check, http.ClientNetwork().Address);
        await http.HitLimitAsync(AbuseLimit.AdminAuthentication);
    }

    /// <summary>Logs a successful check.</summary>
    public static void Succeeded(HttpContext http, AdminCheck check) =>
        Log.AdminCredentialsAccepted(Logger(http), check, http.ClientNetwork().Address);

    private static ILogger Logger(HttpContext http) => http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AdminAuthenticationLimit).FullName!);
}
