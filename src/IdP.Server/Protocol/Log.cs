namespace IdP.Server.Protocol;

internal static partial class Log
{
    [LoggerMessage(2101, LogLevel.Error, "The token entries of a {Endpoint} response could not be saved; no token was sent.")]
    public static partial void TokenEntriesNotSaved(ILogger logger, Exception exception, OpenIddictServerEndpointType endpoint);
}
