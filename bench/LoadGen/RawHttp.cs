using System.Buffers.Text;
using System.Text;

namespace IdP.LoadGen;

/// <summary>
/// HTTP/1.1 as the open-loop generator speaks it: request bytes prepared once, answers read to their end
/// (Content-Length or chunked), as wrk does: no HttpRequestMessage, no header collections. Only for the bench's own
/// loopback servers (IdP and peer).
/// </summary>
internal static class RawHttp
{
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();

    /// <summary>The request bytes for <paramref name="url"/>: GET, or POST of a form when there is a body.</summary>
    public static byte[] Request(Uri url, string? form)
    {
        var head = new StringBuilder()
            .Append(form is null ? "GET " : "POST ").Append(url.PathAndQuery).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(url.Authority).Append("\r\nAccept: */*\r\n");
        if (form is not null)
        {
            head.Append("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ").Append(Encoding.ASCII.GetByteCount(form)).Append("\r\n");
        }

        return Encoding.ASCII.GetBytes(head.Append("\r\n").Append(form ?? "").ToString());
    }

    /// <summary>Whether the bytes hold a whole answer: the head, then Content-Length bytes or chunks up to the last one.</summary>
    public static bool Complete(ReadOnlySpan<byte> data, out int status, out bool close)
    {
        status = 0;
        close = false;
        var headEnd = data.IndexOf(HeaderEnd);
        if (headEnd < 0)
        {
            return false;
        }

        var head = data[..headEnd];
        if (head.Length < 12 || !Utf8Parser.TryParse(head[9..12], out status, out _))
        {
            throw new IOException("Not an HTTP/1.1 answer.");
        }

        var body = data[(headEnd + 4)..];
        long? length = null;
        var chunked = false;
        foreach (var range in head.Split("\r\n"u8))
        {
            var line = head[range];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim((byte)' ');
            if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8) && Utf8Parser.TryParse(value, out long n, out _))
            {
                length = n;
            }
            else if (Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8) && value.IndexOf("chunked"u8) >= 0)
            {
                chunked = true;
            }
            else if (Ascii.EqualsIgnoreCase(name, "Connection"u8) && Ascii.EqualsIgnoreCase(value, "close"u8))
            {
                close = true;
            }
        }

        if (chunked)
        {
            return ChunksComplete(body);
        }

        return body.Length >= (length ?? 0);
    }

    private static bool ChunksComplete(ReadOnlySpan<byte> body)
    {
        while (true)
        {
            var lineEnd = body.IndexOf("\r\n"u8);
            if (lineEnd < 0)
            {
                return false;
            }

            var sizeText = body[..lineEnd];
            var extension = sizeText.IndexOf((byte)';');
            if (extension >= 0)
            {
                sizeText = sizeText[..extension];
            }

            if (!Utf8Parser.TryParse(sizeText, out long size, out _, 'x'))
            {
                throw new IOException("A broken chunk size.");
            }

            if (size == 0)
            {
                // The last chunk, then optional trailers, then an empty line.
                return body[(lineEnd + 2)..].IndexOf("\r\n"u8) is var end && end >= 0 && (end == 0 || body[(lineEnd + 2)..].IndexOf(HeaderEnd) >= 0);
            }

            var next = lineEnd + 2 + size + 2;
            if (body.Length < next)
            {
                return false;
            }

            body = body[(int)next..];
        }
    }

    /// <summary>The body of a whole answer (<see cref="Complete"/> said so), its chunks joined.</summary>
    public static byte[] Body(ReadOnlySpan<byte> data)
    {
        var headEnd = data.IndexOf(HeaderEnd);
        var body = data[(headEnd + 4)..];
        var head = data[..headEnd];
        if (head.IndexOf("chunked"u8) < 0)
        {
            return body.ToArray();
        }

        var joined = new List<byte>(body.Length);
        while (true)
        {
            var lineEnd = body.IndexOf("\r\n"u8);
            var sizeText = body[..lineEnd];
            var extension = sizeText.IndexOf((byte)';');
            if (extension >= 0)
            {
                sizeText = sizeText[..extension];
            }

            if (!Utf8Parser.TryParse(sizeText, out int size, out _, 'x') || size == 0)
            {
                return [.. joined];
            }

            joined.AddRange(body.Slice(lineEnd + 2, size));
            body = body[(lineEnd + 2 + size + 2)..];
        }
    }
}
