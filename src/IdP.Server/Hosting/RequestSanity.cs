using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Net.Http.Headers;

namespace IdP.Server.Hosting;

/// <summary>
/// Input no legitimate client sends is refused at the door with a 400 (the error page, or problem+json for APIs)
/// instead of failing deep inside the pipeline with a 500: a Host header that is not a host and port, a body in a
/// charset other than UTF-8 or ASCII (UTF-7 is not even supported by .NET), a form that cannot be read (a multipart body
/// cut short included), and control characters (NUL and the like) in any query or form value; tab, CR and LF stay
/// allowed in forms (multi-line fields).
/// </summary>
internal static class RequestSanity
{
    private static readonly HashSet<string> Charsets = new(StringComparer.OrdinalIgnoreCase) { "utf-8", "utf8", "us-ascii" };

    public static IApplicationBuilder UseRequestSanity(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (!ValidHost(request.Host))
            {
                // Error pages build links from the host, so this answer is plain text.
                context.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await context.Response.WriteAsync("Bad request: the Host header is not a valid host.");
                return;
            }

            if (!AcceptableCharset(request.ContentType) || HasControlCharacters(request.Query, allowLineBreaks: false))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            if (request.HasFormContentType && HttpMethods.IsPost(request.Method))
            {
                IFormCollection form;
                try
                {
                    // Read once here; the form stays on the request for the endpoint that needs it.
                    form = await request.ReadFormAsync(context.RequestAborted);
                }
                // IOException covers Kestrel's BadHttpRequestException (a body over the limits) and a multipart body that
                // ends before its closing boundary, which the multipart reader reports as "Unexpected end of Stream".
                catch (Exception exception) when (exception is InvalidDataException or IOException or DecoderFallbackException)
                {
                    context.Response.StatusCode = exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status400BadRequest;
                    return;
                }

                if (HasControlCharacters(form, allowLineBreaks: true))
                {
                    context.Response.StatusCode = StatusCodes.Status400BadRequest;
                    return;
                }
            }

            await next(context);
        });

    private static bool ValidHost(HostString host) =>
        !host.HasValue || (Uri.TryCreate($"http://{host.Value}/", UriKind.Absolute, out var uri) && uri.Port is > 0 and <= 65535
            && string.Equals(uri.Authority, host.Value, StringComparison.OrdinalIgnoreCase) || HostWithDefaultPort(host));

    // Uri drops a default port from Authority ("host:80"), which is still a valid Host header.
    private static bool HostWithDefaultPort(HostString host) =>
        host.Port is 80 or 443 && Uri.CheckHostName(host.Host.Trim('[', ']')) != UriHostNameType.Unknown;

    private static bool AcceptableCharset(string? contentType) =>
        contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var media) || !media.Charset.HasValue || Charsets.Contains(media.Charset.Value.Trim('"'));

    private static bool HasControlCharacters(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> values, bool allowLineBreaks)
    {
        foreach (var (key, value) in values)
        {
            if (IsBad(key, allowLineBreaks: false))
            {
                return true;
            }

            foreach (var item in value)
            {
                if (item is not null && IsBad(item, allowLineBreaks))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsBad(string text, bool allowLineBreaks)
    {
        foreach (var c in text)
        {
            if (c == '\u007f' || (c < ' ' && !(allowLineBreaks && c is '\t' or '\r' or '\n')))
            {
                return true;
            }
        }

        return false;
    }
}
