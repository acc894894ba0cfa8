namespace IdP.Core.Limits;

internal static partial class Log
{
    [LoggerMessage(7001, LogLevel.Warning, "Abuse limit {Limit} reached for the client's {Scope} (address {ClientAddress}, network {ClientNetwork}); refused for {RetryAfterSeconds} s.")]
    public static partial void LimitReached(ILogger logger, AbuseLimit limit, LimitScope scope, string clientAddress, string clientNetwork, int retryAfterSeconds);

    [LoggerMessage(7002, LogLevel.Information, "Request refused by abuse limit {Limit} ({Scope}) for client {ClientAddress}.")]
    public static partial void Throttled(ILogger logger, AbuseLimit limit, LimitScope scope, string clientAddress);
}
