using IdP.Core.UserFlows.CustomPages;
using IdP.Server.Tests.Clients;

namespace IdP.Server.Tests.UserFlows;

/// <summary>
/// A web server holding custom page templates, over real HTTPS (the test CA's certificate for <c>localhost</c>) on a
/// port the OS picks. The IdP trusts the test CA for its template client only, and trusts <c>localhost</c> as a private
/// host (<c>IdP:CustomPages:TrustedPrivateHosts</c>); every other loopback or private address stays refused.
/// </summary>
public sealed class TemplateServer : IServerPart
{
    private WebApplication? _app;
    private int _requests;

    /// <summary>What <c>/template</c> answers with.</summary>
    public string Body { get; set; } = "";

    /// <summary>The status <c>/template</c> answers with.</summary>
    public int Status { get; set; } = 200;

    /// <summary>How many times <c>/template</c> was asked for.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>The server's address for <paramref name="path"/>, by the host name its certificate is for.</summary>
    public string Url(string path) => new Uri(LoopbackHttps.BaseUrl(_app!), path).ToString();

    /// <summary>The server's port.</summary>
    public int Port => new Uri(_app!.Urls.Single()).Port;

    public void Configure(IdPFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        factory.With("IdP:CustomPages:TrustedPrivateHosts:0", "localhost");
        factory.WithServices(services => services.AddHttpClient(CustomPageFetcher.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler((handler, _) => ((SocketsHttpHandler)handler).SslOptions.RemoteCertificateValidationCallback =
                (_, certificate, _, errors) => TestCertificates.IsIssuedByCa(certificate, errors)));
    }

    public async Task StartAsync()
    {
        var builder = LoopbackHttps.CreateBuilder(new Dictionary<string, string?>());
        _app = builder.Build();
        _app.MapGet("/template", async context =>
        {
            Interlocked.Increment(ref _requests);
            context.Response.StatusCode = Status;
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(Body);
        });
        _app.MapGet("/redirect", context =>
        {
            context.Response.Redirect("https://127.0.0.1/");
            return Task.CompletedTask;
        });
        _app.MapGet("/huge", async context =>
        {
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<div id=\"api\"></div>" + new string('x', CustomPageRules.MaxLength + 10));
        });
        await _app.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
