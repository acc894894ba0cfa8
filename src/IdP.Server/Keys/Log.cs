namespace IdP.Server.Keys;

internal static partial class Log
{
    [LoggerMessage(2001, LogLevel.Information, "Created a {Use} key {KeyId}, active from {ActivatesAt:O}.")]
    public static partial void KeyCreated(ILogger logger, KeyUse use, string keyId, DateTimeOffset activatesAt);

    [LoggerMessage(2002, LogLevel.Information, "Loaded {Count} token keys.")]
    public static partial void KeysLoaded(ILogger logger, int count);

    [LoggerMessage(2003, LogLevel.Error, "Refreshing token keys failed; the keys loaded before stay in use.")]
    public static partial void RefreshFailed(ILogger logger, Exception exception);
}
