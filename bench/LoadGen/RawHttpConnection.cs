using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace IdP.LoadGen;

/// <summary>
/// One keep-alive HTTP/1.1 connection that sends the same prepared request again and again and reads each answer to
/// its end (Content-Length or chunked), as wrk does: no HttpRequestMessage, no header collections, no async hops, so
/// at tens of thousands of requests per second the open-loop generator stays within a few times wrk's cost per
/// request (bench/README.md) instead of taking a core. Only for the bench's own loopback servers (IdP and peer).
/// </summary>
internal sealed class RawHttpConnection : IDisposable
{
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();
    private readonly EndPoint _endPoint;
    private readonly byte[] _request;
    private Socket? _socket;
    private byte[] _buffer = new byte[16 * 1024];
    private int _timeout;

    private RawHttpConnection(EndPoint endPoint, byte[] request)
    {
        _endPoint = endPoint;
        _request = request;
    }

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

    /// <summary>A connection to <paramref name="url"/>'s host; every send and receive gives up after <paramref name="timeout"/>.</summary>
    public static RawHttpConnection Open(Uri url, byte[] request, TimeSpan timeout)
    {
        var connection = new RawHttpConnection(new IPEndPoint(IPAddress.Parse(url.Host), url.Port), request) { _timeout = (int)timeout.TotalMilliseconds };
        connection.Connect();
        return connection;
    }

    /// <summary>
    /// Sends the request and reads the whole answer, blocking this thread (the open loop gives each connection a
    /// thread: a blocked receive woken by the kernel is the cheapest wait there is); returns the status code.
    /// </summary>
    public int Send()
    {
        try
        {
            if (_socket is null)
            {
                Connect();
            }

            for (var sent = 0; sent < _request.Length;)
            {
                sent += _socket!.Send(_request, sent, _request.Length - sent, SocketFlags.None);
            }

            var received = 0;
            while (true)
            {
                if (received == _buffer.Length)
                {
                    Array.Resize(ref _buffer, _buffer.Length * 2);
                }

                var read = _socket!.Receive(_buffer, received, _buffer.Length - received, SocketFlags.None);
                if (read == 0)
                {
                    throw new IOException("The server closed the connection.");
                }

                received += read;
                if (Complete(_buffer.AsSpan(0, received), out var status, out var close))
                {
                    if (close)
                    {
                        Drop();
                    }

                    return status;
                }
            }
        }
        catch
        {
            // A timeout or a broken answer leaves the stream at an unknown place: the next request gets a new connection.
            Drop();
            throw;
        }
    }

    public void Dispose() => Drop();

    private void Connect()
    {
        var socket = new Socket(_endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, SendTimeout = _timeout, ReceiveTimeout = _timeout };
        try
        {
            socket.Connect(_endPoint);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _socket = socket;
    }

    private void Drop()
    {
        _socket?.Dispose();
        _socket = null;
    }

    // Whether the bytes hold a whole answer: the head, then Content-Length bytes or chunks up to the last one.
    private static bool Complete(ReadOnlySpan<byte> data, out int status, out bool close)
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
}
