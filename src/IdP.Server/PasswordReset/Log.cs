namespace IdP.Server.PasswordReset;

internal static partial class Log
{
    [LoggerMessage(5001, LogLevel.Information, "Self-service password reset set to {Mode} from IdP:PasswordReset on first start; the database holds it from now on.")]
    public static partial void InitialModeApplied(ILogger logger, PasswordResetMode mode);

    [LoggerMessage(5003, LogLevel.Information, "Self-service password reset set to Selected, for members of group {GroupId}, from IdP:PasswordReset on first start; the database holds it from now on.")]
    public static partial void InitialSelectedModeApplied(ILogger logger, Guid groupId);

    [LoggerMessage(5002, LogLevel.Warning, "IdP:PasswordReset:Mode is {Configured} but the database holds {Stored}. The database wins: configuration only sets the initial value.")]
    public static partial void DatabaseWins(ILogger logger, PasswordResetMode configured, PasswordResetMode stored);
}
