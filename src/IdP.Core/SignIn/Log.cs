namespace IdP.Core.SignIn;

internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Information, "Sign-in attempt refused: the sign-in name is locked out.")]
    public static partial void LockedOutAttempt(ILogger logger);

    [LoggerMessage(1002, LogLevel.Warning, "A sign-in name was locked out for {Duration} after repeated wrong passwords.")]
    public static partial void NameLockedOut(ILogger logger, TimeSpan duration);

    [LoggerMessage(1003, LogLevel.Information, "Account {AccountId} chose a new password at sign-in (forced password reset).")]
    public static partial void ForcedPasswordChanged(ILogger logger, Guid accountId);
}
