namespace IdP.Server.RunNow;

/// <summary>Run now's log events. Never a token, code, verifier, state or nonce.</summary>
internal static partial class Log
{
    [LoggerMessage(4301, LogLevel.Information, "Run now started for {Policy} with application {ClientId} ({ResponseType}, to the viewer: {ToViewer}).")]
    public static partial void RunStarted(ILogger logger, string policy, string clientId, string responseType, bool toViewer);

    [LoggerMessage(4302, LogLevel.Information, "Run now refused for {Policy}: {Reason}.")]
    public static partial void RunRefused(ILogger logger, string policy, string reason);

    [LoggerMessage(4303, LogLevel.Information, "Run now viewer: {Outcome}.")]
    public static partial void ViewerOutcome(ILogger logger, string outcome);

    [LoggerMessage(4304, LogLevel.Warning, "Run now could not reach the token endpoint {TokenEndpoint} to redeem a code; the server must be able to reach the address the run used.")]
    public static partial void TokenEndpointUnreachable(ILogger logger, Uri tokenEndpoint, Exception exception);

    [LoggerMessage(4305, LogLevel.Warning, "Run now could not read a run's PKCE verifier (Data Protection keys changed?).")]
    public static partial void VerifierUnreadable(ILogger logger, Exception exception);
}
