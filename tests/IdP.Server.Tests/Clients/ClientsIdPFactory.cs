namespace IdP.Server.Tests.Clients;

/// <summary>
/// The IdP over HTTPS with the tasks and notes APIs registered, for the tests that drive Microsoft's client libraries.
/// Each test class gets its own instance and so its own port: Microsoft.Identity.Web caches its issuer validator (and
/// the HTTP client it fetches metadata with) per authority for the whole process, so two servers must never share one.
/// </summary>
public class ClientsIdPFactory : HttpsIdPFactory
{
    private readonly Stack<IAsyncDisposable> _hosts = new();

    public string TasksApiClientId { get; private set; } = "";

    public string NotesApiClientId { get; private set; } = "";

    /// <summary>The MSAL B2C authority of the sign-in flow, as B2C's docs write it with the host changed.</summary>
    public string TfpAuthority => $"{BaseUrl}/tfp/{TenantDomain}/{SignInPolicy}";

    /// <summary>A fresh client id, prefixed so a failure message says which app it is.</summary>
    public static string NewClientId(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..12];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        (TasksApiClientId, NotesApiClientId) = await TasksApi.RegisterAsync(this);
    }

    /// <summary>
    /// Keeps <paramref name="host"/> (an app or API started against this IdP) running until the IdP stops: the hosts stop
    /// first, the last started first, so none outlives what it calls.
    /// </summary>
    protected T Running<T>(T host)
        where T : IAsyncDisposable
    {
        _hosts.Push(host);
        return host;
    }

    public override async Task DisposeAsync()
    {
        while (_hosts.TryPop(out var host))
        {
            await host.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
