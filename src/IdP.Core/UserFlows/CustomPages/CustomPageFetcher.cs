using System.Net;
using System.Net.Sockets;

namespace IdP.Core.UserFlows.CustomPages;

/// <summary>
/// Fetches a custom page template from its https address, refusing what could turn the server against its own network
/// (plain http, private or loopback addresses, redirects) or against itself (slow or huge answers), then checks it
/// with <see cref="CustomPageRules"/>. Templates are fetched when saved and when refreshed, never per page request.
/// </summary>
public sealed class CustomPageFetcher(HttpClient http, IOptions<CustomPageOptions> options)
{
    /// <summary>The name of the HTTP client (its handler is <see cref="CreateHandler"/>).</summary>
    public const string HttpClientName = "idp-custom-pages";

    /// <summary>Fetches and checks the template at <paramref name="address"/>.</summary>
    public async Task<CustomPageFetch> FetchAsync(string address, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || uri.UserInfo.Length > 0)
        {
            return new CustomPageFetch.Failed(new(CustomPageFailure.UriNotHttps));
        }

        if (IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var literal) && !PublicAddresses.IsPublic(literal) && !Trusted(options.Value, uri.IdnHost))
        {
            return new CustomPageFetch.Failed(new(CustomPageFailure.UriPrivate));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.FetchTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.Accept.ParseAdd("text/html");
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if ((int)response.StatusCode is >= 300 and < 400)
            {
                return new CustomPageFetch.Failed(new(CustomPageFailure.UriRedirect));
            }

            if (!response.IsSuccessStatusCode)
            {
                return new CustomPageFetch.Failed(CustomPageProblem.Status((int)response.StatusCode));
            }

            if (response.Content.Headers.ContentLength > CustomPageRules.MaxLength)
            {
                return new CustomPageFetch.Failed(CustomPageProblem.TooLarge(CustomPageRules.MaxLength / 1024));
            }

            var bytes = await ReadLimitedAsync(response.Content, timeout.Token);
            if (bytes is null)
            {
                return new CustomPageFetch.Failed(CustomPageProblem.TooLarge(CustomPageRules.MaxLength / 1024));
            }

            var encoding = Encoding.UTF8;
            if (response.Content.Headers.ContentType?.CharSet is { Length: > 0 } charset)
            {
                try
                {
                    encoding = Encoding.GetEncoding(charset.Trim('"'));
                }
                catch (ArgumentException)
                {
                    // An unknown charset: read it as UTF-8, as browsers mostly would.
                }
            }

            return CustomPageRules.Check(encoding.GetString(bytes)) switch
            {
                CustomPageCheck.Accepted accepted => new CustomPageFetch.Fetched(accepted.Html),
                CustomPageCheck.Refused refused => new CustomPageFetch.Failed(refused.Problem),
                _ => throw new InvalidOperationException("Unknown template check result."),
            };
        }
        catch (HttpRequestException exception) when (Find<PrivateAddressRefused>(exception) is not null)
        {
            return new CustomPageFetch.Failed(new(CustomPageFailure.UriPrivate));
        }
        catch (HttpRequestException exception)
        {
            return new CustomPageFetch.Failed(new(CustomPageFailure.UriUnreachable, exception.HttpRequestError.ToString()));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new CustomPageFetch.Failed(CustomPageProblem.Timeout(options.Value.FetchTimeout));
        }
    }

    /// <summary>
    /// The handler of the fetcher's HTTP client: it connects only to public addresses (checked after DNS resolution, at
    /// connect time, so a name that resolves to a private address is refused too) and never follows redirects.
    /// </summary>
    public static SocketsHttpHandler CreateHandler(CustomPageOptions options) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
            if (addresses.Length == 0 || (!Trusted(options, host) && addresses.Any(a => !PublicAddresses.IsPublic(a))))
            {
                throw new PrivateAddressRefused();
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    private static bool Trusted(CustomPageOptions options, string host) =>
        options.TrustedPrivateHosts.Contains(host, StringComparer.OrdinalIgnoreCase);

    private static async Task<byte[]?> ReadLimitedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > CustomPageRules.MaxLength)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }

    private static T? Find<T>(Exception? exception)
        where T : Exception
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is T found)
            {
                return found;
            }
        }

        return null;
    }

    // Thrown from the connect callback and caught above, where it becomes CustomPageFailure.UriPrivate.
    private sealed class PrivateAddressRefused() : IOException("The address is private, loopback or link-local: not fetched from.");
}

/// <summary>The outcome of fetching a custom page template.</summary>
public abstract record CustomPageFetch
{
    private CustomPageFetch()
    {
    }

    /// <summary>The template, checked and sanitised.</summary>
    public sealed record Fetched(string Html) : CustomPageFetch;

    /// <summary>Nothing usable came back, and why.</summary>
    public sealed record Failed(CustomPageProblem Problem) : CustomPageFetch
    {
        /// <summary>Why, in the current UI culture.</summary>
        public string Message => Problem.Message;
    }
}
