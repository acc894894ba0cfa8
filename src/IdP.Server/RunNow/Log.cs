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

    [LoggerMessage(4304, LogLevel.Warning, "Run now could not read the token endpoint's reply to a code redemption (status {StatusCode}, {ContentType}).")]
    public static partial void TokenEndpointReplyUnreadable(ILogger logger, int statusCode, string? contentType);

    [LoggerMessage(4305, LogLevel.Warning, "Run now could not read a run's PKCE verifier (Data Protection keys changed?).")]
    public static partial void VerifierUnreadable(ILogger logger, Exception exception);

    [LoggerMessage(4306, LogLevel.Warning, "Run now cannot redeem a code: the server listens on no {Scheme} address of its own (TLS ended at a proxy?). Add an endpoint with that scheme, or run with response_type=id_token.")]
    public static partial void NoOwnAddress(ILogger logger, string scheme);

    [LoggerMessage(4307, LogLevel.Warning, "Run now could not reach its own token endpoint at {Address}.")]
    public static partial void OwnTokenEndpointUnreachable(ILogger logger, Uri address, Exception exception);
}
