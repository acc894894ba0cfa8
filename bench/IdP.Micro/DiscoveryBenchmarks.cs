using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace IdP.Micro;

/// <summary>
/// The discovery document and JWKS through the whole server in process (TestServer, SQLite in a temp folder):
/// "served" asks for the same URL each time, as clients do (the document cache answers); "built" adds a query value
/// no one asked for before, so OpenIddict builds the document from the database each time (the cost before caching).
/// </summary>
[MemoryDiagnoser]
public class DiscoveryBenchmarks
{
    private const string Discovery = "/contoso/B2C_1_signin/v2.0/.well-known/openid-configuration";
    private const string Keys = "/contoso/B2C_1_signin/discovery/v2.0/keys";
    private Server _server = null!;
    private HttpClient _http = null!;
    private long _unique;

    [GlobalSetup]
    public void Setup()
    {
        // WebApplicationFactory looks for the server's project folder beside a solution file; this benchmark runs from
        // its own output folder, which has the server's assembly and settings: that is the content root.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_IDP_SERVER", AppContext.BaseDirectory);

        // No file watchers for appsettings (each holds an inotify instance, a per-user limit the machine's tests share).
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        _server = new Server();
        _http = _server.CreateClient();
        _http.GetStringAsync(new Uri(Discovery, UriKind.Relative)).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _http.Dispose();
        _server.Dispose();
    }

    [Benchmark]
    public Task<byte[]> DiscoveryServed() => _http.GetByteArrayAsync(new Uri(Discovery, UriKind.Relative));

    [Benchmark]
    public Task<byte[]> DiscoveryBuilt() => _http.GetByteArrayAsync(new Uri($"{Discovery}?n={Interlocked.Increment(ref _unique)}", UriKind.Relative));

    [Benchmark]
    public Task<byte[]> KeysServed() => _http.GetByteArrayAsync(new Uri(Keys, UriKind.Relative));

    [Benchmark]
    public Task<byte[]> KeysBuilt() => _http.GetByteArrayAsync(new Uri($"{Keys}?n={Interlocked.Increment(ref _unique)}", UriKind.Relative));

    private sealed class Server : WebApplicationFactory<Program>
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("idp-micro-").FullName;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("IdP:Database:Provider", "Sqlite");
            builder.UseSetting("ConnectionStrings:IdP", $"Data Source={Path.Combine(_folder, "idp.db")}");
            builder.UseSetting("IdP:Server:RequireHttps", "false");
            builder.UseSetting("IdP:Server:AllowAnyHost", "true");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }
    }
}
