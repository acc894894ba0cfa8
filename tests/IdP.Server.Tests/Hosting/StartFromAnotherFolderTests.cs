using System.Diagnostics;
using System.Net;
using System.Text;
using IdP.Server.Tests.Infrastructure;

namespace IdP.Server.Tests.Hosting;

/// <summary>
/// The server started as operators start it, <c>dotnet /path/IdP.Server.dll</c>, from a folder that is not its own:
/// it finds its appsettings files and wwwroot, keeps protocol log levels even when configuration asks for Trace, and
/// takes configured reply URLs instead of adding them to the defaults.
/// </summary>
public sealed class StartFromAnotherFolderTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("idp-elsewhere-").FullName;
    private readonly int _port = LoopbackPort.Free();
    private readonly StringBuilder _output = new();
    private Process? _server;

    public async Task InitializeAsync()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(RepositoryPaths.ServerBuild, "IdP.Server.dll"));
        start.ArgumentList.Add($"--urls=http://127.0.0.1:{_port}");
        start.ArgumentList.Add("--Logging:LogLevel:Default=Trace");
        start.ArgumentList.Add("--IdP:Demo:RedirectUris:0=https://my-app.test/callback");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__IdP"] = $"Data Source={Path.Combine(_folder, "idp.db")}";
        start.Environment["IdP__Email__PickupDirectory"] = Path.Combine(_folder, "mail");
        start.Environment.Remove("ASPNETCORE_CONTENTROOT");
        start.Environment.Remove("DOTNET_CONTENTROOT");
        _server = Process.Start(start)!;
        _server.OutputDataReceived += (_, e) => Append(e.Data);
        _server.ErrorDataReceived += (_, e) => Append(e.Data);
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();

        using var client = new HttpClient();
        for (var attempt = 0; attempt < 120; attempt++)
        {
            try
            {
                using var health = await client.GetAsync($"http://127.0.0.1:{_port}/health");
                if (health.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (_server.HasExited)
            {
                break;
            }

            await Task.Delay(500);
        }

        throw new InvalidOperationException("The server did not start: " + Output);
    }

    private string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    [Fact]
    public async Task It_serves_its_own_static_files_and_reads_its_development_settings()
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}") };

        using var css = await client.GetAsync("/css/site.css");
        using var discovery = await client.GetAsync($"/{IdPFactory.TenantDomain}/{IdPFactory.SignInPolicy}/v2.0/.well-known/openid-configuration");

        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, discovery.StatusCode);

        // appsettings.Development.json switches the demo on: its banner line is printed once the server listens.
        await WaitForAsync("Sign in (demo app)");
    }

    [Fact]
    public async Task A_configured_demo_reply_url_replaces_the_defaults()
    {
        var signIn = await WaitForAsync("Sign in (demo app)");

        Assert.Contains("redirect_uri=https%3A%2F%2Fmy-app.test%2Fcallback", signIn, StringComparison.Ordinal);
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{_port}") };
        using var toJwtMs = await client.GetAsync($"/{IdPFactory.Tenant}/{IdPFactory.SignInPolicy}/oauth2/v2.0/authorize?client_id=demo-app&redirect_uri=https%3A%2F%2Fjwt.ms&response_type=id_token&scope=openid&nonce=n");
        Assert.Equal(HttpStatusCode.BadRequest, toJwtMs.StatusCode);
    }

    [Fact]
    public async Task Protocol_log_levels_hold_when_configuration_asks_for_trace()
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}") };
        using var discovery = await client.GetAsync($"/{IdPFactory.Tenant}/{IdPFactory.SignInPolicy}/v2.0/.well-known/openid-configuration");
        using var logout = await client.GetAsync($"/{IdPFactory.Tenant}/{IdPFactory.SignInPolicy}/oauth2/v2.0/logout?id_token_hint=secret-looking-hint");
        await WaitForAsync("Sign in (demo app)");

        // Default=Trace reaches our own categories (the banner is Information), but not OpenIddict's request and token
        // logs, nor ASP.NET Core's request log, which would print the id_token_hint in the query string.
        Assert.DoesNotContain("OpenIddict.Server", Output, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-looking-hint", Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Microsoft.AspNetCore.Hosting.Diagnostics", Output, StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
        }

        _server?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<string> WaitForAsync(string text)
    {
        for (var attempt = 0; attempt < 60; attempt++)
        {
            var line = Output.Split('\n').FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal));
            if (line is not null)
            {
                return line;
            }

            await Task.Delay(250);
        }

        throw new InvalidOperationException($"'{text}' never appeared in the server's output: {Output}");
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
