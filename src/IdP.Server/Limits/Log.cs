namespace IdP.Server.Limits;

internal static partial class Log
{
    [LoggerMessage(7101, LogLevel.Warning, "Admin credentials refused ({Check}) for client {ClientAddress}.")]
    public static partial void AdminCredentialsRefused(ILogger logger, AdminCheck check, string clientAddress);

    [LoggerMessage(7102, LogLevel.Information, "Admin credentials accepted ({Check}) for client {ClientAddress}.")]
    public static partial void AdminCredentialsAccepted(ILogger logger, AdminCheck check, string clientAddress);

    [LoggerMessage(7103, LogLevel.Warning, "Admin credential check refused without checking ({Check}): client {ClientAddress} had too many failures.")]
    public static partial void AdminCheckThrottled(ILogger logger, AdminCheck check, string clientAddress);
}

/// <summary>Which admin credential check a log line is about.</summary>
internal enum AdminCheck
{
    /// <summary>The admin client's secret at the token endpoint.</summary>
    ClientSecret,

    /// <summary>A bearer token sent to the admin API.</summary>
    ApiToken,

    /// <summary>A sign-in to the admin portal (a refused or broken callback, an account without the role).</summary>
    PortalSignIn,
}
