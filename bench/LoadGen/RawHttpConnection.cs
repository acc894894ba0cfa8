using System.Net;
using System.Net.Sockets;

namespace IdP.LoadGen;

/// <summary>
/// One blocking keep-alive HTTP/1.1 connection that sends the same prepared request again and again and reads each
/// answer to its end (<see cref="RawHttp"/>): the previous open-loop generator's connection (<see cref="ThreadOpenLoop"/>),
/// kept with it for comparison. Only for the bench's own loopback servers (IdP and peer).
/// </summary>
internal sealed class RawHttpConnection : IDisposable
{
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
                if (RawHttp.Complete(_buffer.AsSpan(0, received), out var status, out var close))
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
}
