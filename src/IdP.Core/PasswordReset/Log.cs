namespace IdP.Core.PasswordReset;

internal static partial class Log
{
    // Development only (PasswordResetOptions.LogCodes is set by the web host in Development and nowhere else):
    // codes are secrets and never reach logs in any other environment.
    [LoggerMessage(1101, LogLevel.Warning, "DEVELOPMENT ONLY: password reset code {Code} sent to {Address}.")]
    public static partial void DevelopmentCode(ILogger logger, string code, string address);

    [LoggerMessage(1102, LogLevel.Information, "A password reset code was refused: too many requests for the address.")]
    public static partial void SendThrottled(ILogger logger);

    [LoggerMessage(1103, LogLevel.Information, "A password reset code died after {Attempts} wrong entries.")]
    public static partial void CodeExhausted(ILogger logger, int attempts);

    [LoggerMessage(1104, LogLevel.Information, "Password of account {AccountId} changed by self-service reset.")]
    public static partial void PasswordChanged(ILogger logger, Guid accountId);
}
