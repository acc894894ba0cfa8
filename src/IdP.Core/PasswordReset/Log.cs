namespace IdP.Core.PasswordReset;

internal static partial class Log
{
    // Development only (PasswordResetOptions.LogCodes is set by the web host in Development and nowhere else):
    // codes are secrets and never reach logs in any other environment.
    // The purpose is a fixed name (PasswordReset, Multifactor), never a code or an address.
    [LoggerMessage(1101, LogLevel.Warning, "DEVELOPMENT ONLY: {Purpose} code {Code} sent to {Address}.")]
    public static partial void DevelopmentCode(ILogger logger, EmailCodePurpose purpose, string code, string address);

    [LoggerMessage(1102, LogLevel.Information, "A {Purpose} code was refused: too many requests for the address.")]
    public static partial void SendThrottled(ILogger logger, EmailCodePurpose purpose);

    [LoggerMessage(1103, LogLevel.Information, "A {Purpose} code died after {Attempts} wrong entries.")]
    public static partial void CodeExhausted(ILogger logger, EmailCodePurpose purpose, int attempts);

    [LoggerMessage(1104, LogLevel.Information, "Password of account {AccountId} changed by self-service reset.")]
    public static partial void PasswordChanged(ILogger logger, Guid accountId);
}
