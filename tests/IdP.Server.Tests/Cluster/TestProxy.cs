using Yarp.ReverseProxy.Configuration;

namespace IdP.Server.Tests.Cluster;

/// <summary>
/// A YARP reverse proxy on a loopback port in front of server nodes, as a load balancer in production: round robin over
/// every node, with the forwarded headers (<c>X-Forwarded-For</c>, <c>-Proto</c>, <c>-Host</c>) YARP adds. A request
/// carrying <see cref="NodeHeader"/> goes to the node it names, so a test can send each step to the node it chooses.
/// A request carrying <see cref="ClientHeader"/> is proxied as if it came from that address (the proxy's
/// <c>X-Forwarded-For</c> names it), so the nodes' per-client limits see the client a test chooses.
/// </summary>
public sealed class TestProxy(IReadOnlyList<ServerNode> nodes) : IAsyncDisposable
{
    public const string NodeHeader = "X-Test-Node";

    public const string ClientHeader = "X-Test-Client";

    private WebApplication? _app;

    public int Port { get; } = LoopbackPort.Free();

    public Uri Address => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}");

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(Address.ToString().TrimEnd('/'));
        builder.Logging.ClearProviders();
        var routes = nodes.Select(node => new RouteConfig
        {
            RouteId = "node-" + node.Name,
            ClusterId = node.Name,
            Order = 1,
            Match = new RouteMatch { Path = "{**rest}", Headers = [new RouteHeader { Name = NodeHeader, Values = [node.Name], Mode = HeaderMatchMode.ExactHeader }] },
        }).Append(new RouteConfig { RouteId = "any", ClusterId = "all", Order = 2, Match = new RouteMatch { Path = "{**rest}" } }).ToList();
        var clusters = nodes.Select(node => new ClusterConfig
        {
            ClusterId = node.Name,
            Destinations = new Dictionary<string, DestinationConfig>(StringComparer.Ordinal) { [node.Name] = new() { Address = node.Address.ToString() } },
        }).Append(new ClusterConfig
        {
            ClusterId = "all",
            LoadBalancingPolicy = "RoundRobin",
            Destinations = nodes.ToDictionary(n => n.Name, n => new DestinationConfig { Address = n.Address.ToString() }, StringComparer.Ordinal),
        }).ToList();
        builder.Services.AddReverseProxy().LoadFromMemory(routes, clusters);
        _app = builder.Build();
        _app.Use((http, next) =>
        {
            // What a real load balancer sees as the peer: the forwarded-for transform reads the connection's address.
            if (IPAddress.TryParse(http.Request.Headers[ClientHeader].ToString(), out var client))
            {
                http.Connection.RemoteIpAddress = client;
            }

            http.Request.Headers.Remove(ClientHeader);
            return next(http);
        });
        _app.MapReverseProxy();
        await _app.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}

/// <summary>
/// Sends each request to the node <see cref="Node"/> names (through the proxy), or to any when it is null, from the
/// client address <see cref="Client"/> (a fresh one per choice, so the per-client limits of one test never count
/// another's requests).
/// </summary>
public sealed class NodeChoice() : DelegatingHandler(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
{
    public string? Node { get; set; }

    public IPAddress Client { get; set; } = TestClientAddress.FreshAddress();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Remove(TestProxy.NodeHeader);
        if (Node is not null)
        {
            request.Headers.Add(TestProxy.NodeHeader, Node);
        }

        request.Headers.Remove(TestProxy.ClientHeader);
        request.Headers.Add(TestProxy.ClientHeader, Client.ToString());

        return base.SendAsync(request, cancellationToken);
    }
}
