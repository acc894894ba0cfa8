using System.Net;

namespace IdP.Server.RunNow;

/// <summary>
/// Marks the requests the server sends to itself (Run now's code redemption) with a secret only this process knows.
/// Behind a TLS-terminating proxy the server listens on plain HTTP, so its own call arrives as HTTP although the
/// browser used HTTPS; a marked call from loopback is taken as HTTPS, and nothing else is: loopback is not a trusted
/// proxy, and the marker cannot be guessed or replayed from outside the process.
/// </summary>
public sealed class OwnRequestMarker
{
    /// <summary>The header that carries the marker.</summary>
    public const string HeaderName = "X-IdP-Own-Request";

    private readonly byte[] _secret = Encoding.ASCII.GetBytes(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

    /// <summary>Adds the marker to a request the server sends itself.</summary>
    public void Mark(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Add(HeaderName, Encoding.ASCII.GetString(_secret));
    }

    /// <summary>
    /// Middleware: a marked request from loopback continues as HTTPS; the header is removed from every request, so a
    /// forged one reaches nothing.
    /// </summary>
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.Request.Headers.Remove(HeaderName, out var value))
        {
            var remote = context.Connection.RemoteIpAddress;
            if (remote is not null && IPAddress.IsLoopback(remote)
                && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(value.ToString()), _secret))
            {
                context.Request.Scheme = Uri.UriSchemeHttps;
            }
        }

        await next(context);
    }
}
