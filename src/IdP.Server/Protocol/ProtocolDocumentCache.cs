using System.Collections.Concurrent;
using Microsoft.Extensions.Primitives;

namespace IdP.Server.Protocol;

/// <summary>
/// Serves discovery documents and JWKS from memory. Both change only when a flow, the tenant or the key set changes,
/// yet building one costs two database reads and OpenIddict's whole pipeline. The first request for a URL runs that
/// pipeline and keeps the answer's bytes and headers; later requests for the same URL get them back. An entry is
/// dropped at once when this node's key ring loads a different set (keys live in the database; each node's ring
/// re-reads them) or when this node saves a flow or the tenant (<see cref="ConfigurationVersion"/>), and after
/// <see cref="TimeToLive"/> in any case, which bounds how long a change saved by another node takes to show here.
/// Only 200 answers to GET are kept (methods other than GET and HEAD go to OpenIddict as before), and only a bounded
/// number of URLs, so odd URLs cannot grow memory. HEAD is answered as GET without the body (RFC 9110 §9.3.2; monitoring
/// tools use it): OpenIddict serves these documents to GET only, so it builds the GET answer and the body stays here.
/// </summary>
public sealed class ProtocolDocumentCache(RequestDelegate next, KeyRing keys, IOptionsMonitor<OpenIddictServerOptions> server, ConfigurationVersion configuration, TimeProvider time)
{
    /// <summary>How long another node's change to a flow or the tenant may take to reach this node's documents.</summary>
    public static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(5);

    private const int MaxEntries = 512;

    // Response headers that belong to one exchange, never to the document.
    private static readonly HashSet<string> NotKept = new(StringComparer.OrdinalIgnoreCase) { "Date", "Server", "Content-Length", "Transfer-Encoding", "Set-Cookie", "Connection" };

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>
    /// Discovery or JWKS: documents with no language and no page strings, so the localization middlewares in front of
    /// this one skip them (a database read each would undo the cache).
    /// </summary>
    public static bool IsProtocolDocument(PathString path) =>
        PolicyEndpointPaths.TryParse(path.Value, out var parsed) && parsed.Endpoint is PolicyEndpoint.Configuration or PolicyEndpoint.Keys;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var method = request.Method;
        var head = HttpMethods.IsHead(method);
        if (!(head || HttpMethods.IsGet(method)) || !IsProtocolDocument(request.Path))
        {
            await next(context);
            return;
        }

        // Everything the document is built from: scheme and host (after forwarded headers) name the endpoints, the
        // path names tenant, flow and form, the query the policy (?p=) in the query form.
        var key = string.Concat(request.Scheme, "://", request.Host.Value, request.PathBase.Value, request.Path.Value, request.QueryString.Value);
        var stamp = new Stamp(keys.Current, server.CurrentValue, configuration.Current);
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(key, out var entry) && entry.Stamp == stamp && entry.Expires > now)
        {
            await entry.WriteToAsync(context, withBody: !head);
            return;
        }

        var before = context.Response.Headers.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        request.Method = HttpMethods.Get; // HEAD too: OpenIddict builds the GET answer.
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
            request.Method = method;
        }

        var body = buffer.ToArray();
        if (context.Response.StatusCode == StatusCodes.Status200OK)
        {
            var headers = context.Response.Headers.Where(h => !before.Contains(h.Key) && !NotKept.Contains(h.Key)).ToArray();
            Keep(key, new Entry(stamp, now + TimeToLive, body, headers), now);
        }

        // Nothing written means nothing to pass on: an empty write would start the response and keep the status code
        // pages from writing the 404 page for an unknown tenant or flow. HEAD passes on the GET answer's length only.
        if (body.Length > 0 && head)
        {
            context.Response.ContentLength = body.Length;
        }
        else if (body.Length > 0)
        {
            await original.WriteAsync(body, context.RequestAborted);
        }
    }

    private void Keep(string key, Entry entry, DateTimeOffset now)
    {
        if (_entries.Count >= MaxEntries && !_entries.ContainsKey(key))
        {
            foreach (var (oldKey, old) in _entries)
            {
                if (old.Expires <= now || old.Stamp != entry.Stamp)
                {
                    _entries.TryRemove(oldKey, out _);
                }
            }

            if (_entries.Count >= MaxEntries)
            {
                return;
            }
        }

        _entries[key] = entry;
    }

    // By reference: the ring replaces its snapshot only when the keys differ, and OpenIddict's options (which hold the
    // keys JWKS is written from) are rebuilt after that; a copy made between the two is kept under neither's new pair.
    private readonly record struct Stamp(KeySet Keys, OpenIddictServerOptions Server, long Configuration);

    private sealed record Entry(Stamp Stamp, DateTimeOffset Expires, byte[] Body, KeyValuePair<string, StringValues>[] Headers)
    {
        public Task WriteToAsync(HttpContext context, bool withBody)
        {
            var response = context.Response;
            response.StatusCode = StatusCodes.Status200OK;
            foreach (var (name, value) in Headers)
            {
                response.Headers[name] = value;
            }

            response.ContentLength = Body.Length;
            return withBody ? response.Body.WriteAsync(Body, context.RequestAborted).AsTask() : Task.CompletedTask;
        }
    }
}
