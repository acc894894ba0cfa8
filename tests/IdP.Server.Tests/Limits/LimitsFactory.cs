namespace IdP.Server.Tests.Limits;

/// <summary>
/// A server with small abuse limits (windows of a minute, so a test moves the clock past them), client addresses the
/// tests choose, mail to an SMTP server of its own, reset on, and the admin API's client.
/// </summary>
public class LimitsFactory<TDatabase> : IdPFactory<TDatabase>
    where TDatabase : ITestDatabase, new()
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public LimitsFactory()
    {
        Attach(new TestClientAddress());
        Smtp = ResetServer.Prepare(this);
        Logs = Attach(new CapturedLogs());
        AdminApiClient.Configure(this);
        Limit("JourneyStarts", 3, 5);
        Limit("RunNowStarts", 2, 3);
        Limit("SignInAttempts", 4, 6);
        Limit("ResetCodeSends", 2, 3);
        Limit("ResetCodeGuesses", 3, 4);
        Limit("TokenRequests", 3, 5);
        Limit("AdminAuthentication", 2, 3);
    }

    public TestSmtpServer Smtp { get; }

    public CapturedLogs Logs { get; }

    private void Limit(string name, int perAddress, int perNetwork)
    {
        With($"IdP:Limits:{name}:PerAddress", perAddress.ToString(System.Globalization.CultureInfo.InvariantCulture));
        With($"IdP:Limits:{name}:PerNetwork", perNetwork.ToString(System.Globalization.CultureInfo.InvariantCulture));
        With($"IdP:Limits:{name}:Window", Window.ToString());
    }
}
