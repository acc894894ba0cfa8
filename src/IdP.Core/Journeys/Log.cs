namespace IdP.Core.Journeys;

internal static partial class Log
{
    [LoggerMessage(1201, LogLevel.Information, "A finished sign-in was not completed: the account was disabled or its password changed since the user authenticated.")]
    public static partial void StaleJourney(ILogger logger);
}
