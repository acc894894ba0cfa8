namespace IdP.Server.Tests.Infrastructure;

/// <summary>
/// Lets a test say which client address a request comes from (TestServer has none): the server takes the remote
/// address from the <see cref="Header"/> header, first thing in its pipeline, as a trusted proxy's forwarded address
/// would be taken. Only servers this part is attached to do it.
/// </summary>
public sealed class TestClientAddress : IServerPart, IStartupFilter
{
    public const string Header = "X-Test-Client-Address";

    public void Configure(IdPFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        factory.WithServices(services => services.AddSingleton<IStartupFilter>(this));
    }

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var address))
            {
                context.Connection.RemoteIpAddress = address;
            }

            return nextMiddleware(context);
        });
        next(app);
    };

    public Task StartAsync() => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>A fresh address in a fresh /24 network (10.x.y.1), so each test counts from zero.</summary>
    public static IPAddress FreshAddress()
    {
        var bytes = Guid.NewGuid().ToByteArray();
        return new IPAddress([10, bytes[0], bytes[1], 1]);
    }

    /// <summary>Another address in the network of <paramref name="address"/>.</summary>
    public static IPAddress Neighbour(IPAddress address, byte last)
    {
        ArgumentNullException.ThrowIfNull(address);
        var bytes = address.GetAddressBytes();
        bytes[^1] = last;
        return new IPAddress(bytes);
    }
}

/// <summary>Requests that come from a chosen client address.</summary>
public static class ClientAddressExtensions
{
    /// <summary>Makes every request of <paramref name="client"/> come from <paramref name="address"/>.</summary>
    public static HttpClient From(this HttpClient client, IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(address);
        client.DefaultRequestHeaders.Remove(TestClientAddress.Header);
        client.DefaultRequestHeaders.Add(TestClientAddress.Header, address.ToString());
        return client;
    }

    /// <summary>Makes every request of <paramref name="browser"/> come from <paramref name="address"/>.</summary>
    public static Browser From(this Browser browser, IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(browser);
        browser.Client.From(address);
        return browser;
    }
}
