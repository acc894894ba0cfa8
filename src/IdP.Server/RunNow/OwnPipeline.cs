using System.Net;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace IdP.Server.RunNow;

/// <summary>
/// The server's own request pipeline (every middleware and endpoint, as built at start-up), for the requests the
/// server makes to itself. Such a request never leaves the process: no address is looked up or connected to, so
/// nothing in the request that prompted it (its Host header, say) can send it anywhere else.
/// </summary>
public sealed class OwnPipeline(IHttpContextFactory contexts, IServiceScopeFactory scopes)
{
    /// <summary>What the server says it is when it calls itself, for the audit log and request logs.</summary>
    public const string UserAgent = "IdP-RunNow-Viewer";

    private RequestDelegate? _pipeline;

    /// <summary>Called once, when the host builds the application (see <see cref="CaptureOwnPipeline"/>).</summary>
    internal void Capture(RequestDelegate pipeline) => _pipeline = pipeline;

    /// <summary>
    /// Posts a form to <paramref name="path"/> and returns the whole reply. The request keeps the scheme, host and
    /// path base of <paramref name="like"/>, and nothing else of it (no cookies, no other headers): the endpoint sees
    /// the same public address the browser used, so the issuer it derives is the one the browser saw.
    /// </summary>
    public async Task<OwnResponse> PostFormAsync(HttpRequest like, PathString path, IEnumerable<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(like);
        var pipeline = _pipeline ?? throw new InvalidOperationException("The server's request pipeline has not been built yet.");
        using var content = new FormUrlEncodedContent(form);
        var body = await content.ReadAsByteArrayAsync(cancellationToken);

        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(new HttpRequestFeature
        {
            Protocol = HttpProtocol.Http11,
            Method = HttpMethods.Post,
            Scheme = like.Scheme,
            PathBase = like.PathBase.Value ?? "",
            Path = path.Value ?? "/",
            RawTarget = like.PathBase.Add(path).ToUriComponent(),
            Headers = new HeaderDictionary
            {
                [HeaderNames.Host] = like.Host.Value,
                [HeaderNames.ContentType] = "application/x-www-form-urlencoded",
                [HeaderNames.UserAgent] = UserAgent,
                ContentLength = body.Length,
            },
            Body = new MemoryStream(body, writable: false),
        });
        using var responseBody = new MemoryStream();
        var response = new BufferedResponse();
        var responseBodyFeature = new StreamResponseBodyFeature(responseBody);
        features.Set<IHttpResponseFeature>(response);
        features.Set<IHttpResponseBodyFeature>(responseBodyFeature);
        features.Set<IHttpRequestLifetimeFeature>(new HttpRequestLifetimeFeature { RequestAborted = cancellationToken });
        features.Set<IHttpConnectionFeature>(new HttpConnectionFeature { LocalIpAddress = IPAddress.Loopback, RemoteIpAddress = IPAddress.Loopback });
        await using var scope = scopes.CreateAsyncScope();
        features.Set<IServiceProvidersFeature>(new ServiceProvidersFeature { RequestServices = scope.ServiceProvider });

        // Run as a server runs a request: without the caller's execution context. Creating the context sets
        // IHttpContextAccessor, whose AsyncLocal would otherwise replace (and, when done, clear) the caller's request,
        // and the inner request would inherit the caller's logging scopes and activity.
        Task run;
        using (ExecutionContext.SuppressFlow())
        {
            run = Task.Run(() => RunAsync(pipeline, features, response, responseBodyFeature), CancellationToken.None);
        }

        await run;
        return new OwnResponse(response.StatusCode, response.Headers.ContentType.ToString(), responseBody.ToArray());
    }

    private async Task RunAsync(RequestDelegate pipeline, FeatureCollection features, BufferedResponse response, StreamResponseBodyFeature body)
    {
        var context = contexts.Create(features);
        try
        {
            await pipeline(context);
            await response.StartAsync();
            await body.CompleteAsync();
        }
        finally
        {
            await response.CompleteAsync();
            contexts.Dispose(context);
        }
    }

    /// <summary>
    /// A response held in memory until the pipeline is done, like a server that buffers whole responses: it starts
    /// (its OnStarting callbacks run) only then, so every header set along the way is still in it.
    /// </summary>
    private sealed class BufferedResponse : HttpResponseFeature
    {
        private readonly Stack<(Func<object, Task> Callback, object State)> _starting = new();
        private readonly Stack<(Func<object, Task> Callback, object State)> _completed = new();
        private bool _started;

        public override bool HasStarted => _started;

        public override void OnStarting(Func<object, Task> callback, object state)
        {
            if (_started)
            {
                throw new InvalidOperationException("The response has already started.");
            }

            _starting.Push((callback, state));
        }

        public override void OnCompleted(Func<object, Task> callback, object state) => _completed.Push((callback, state));

        public async Task StartAsync()
        {
            while (_starting.TryPop(out var starting))
            {
                await starting.Callback(starting.State);
            }

            _started = true;
        }

        public async Task CompleteAsync()
        {
            while (_completed.TryPop(out var completed))
            {
                await completed.Callback(completed.State);
            }
        }
    }
}

/// <summary>The reply to a request the server made to itself.</summary>
public sealed record OwnResponse(int StatusCode, string? ContentType, byte[] Body);
