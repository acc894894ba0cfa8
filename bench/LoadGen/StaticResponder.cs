using System.Text;

namespace IdP.LoadGen;

/// <summary>
/// <c>respond --port P</c>: the open-loop generator's self-test partner (bench/README.md). One thread, one epoll set,
/// the same answer (200, a 1 KiB JSON body, keep-alive) to every GET, sent as soon as the request's head is in: a
/// server that costs a few microseconds per request, so a point against it shows the generator's own floor (its send
/// lag, its CPU and the latency it adds) rather than a server's. Runs until it is killed.
/// </summary>
internal static class StaticResponder
{
    public static int Run(Arguments args)
    {
        var body = "{\"keys\":[" + string.Join(',', Enumerable.Repeat("\"" + new string('x', 90) + "\"", 10)) + "]}";
        var answer = Encoding.ASCII.GetBytes(
            $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {Encoding.ASCII.GetByteCount(body)}\r\n\r\n{body}");
        var listener = LinuxSockets.Listen(args.Int("port", 0));
        var epoll = LinuxSockets.CreateEpoll();
        LinuxSockets.Watch(epoll, listener, LinuxSockets.In, ulong.MaxValue, add: true);
        var events = new byte[256 * LinuxSockets.EventSize];
        var buffer = new byte[64 * 1024];
        // Bytes of a request head seen so far per connection (a head that arrives in pieces).
        var pending = new Dictionary<int, int>();
        Console.Error.WriteLine($"  static responder on 127.0.0.1:{args.Int("port", 0)}");
        while (true)
        {
            var count = LinuxSockets.Wait(epoll, events, -1);
            for (var i = 0; i < count; i++)
            {
                var (_, data) = LinuxSockets.EventAt(events, i);
                if (data == ulong.MaxValue)
                {
                    int fd;
                    while ((fd = LinuxSockets.Accept(listener)) >= 0)
                    {
                        LinuxSockets.Watch(epoll, fd, LinuxSockets.In | LinuxSockets.ReadHangUp, (ulong)fd, add: true);
                    }

                    continue;
                }

                var connection = (int)data;
                var read = LinuxSockets.Receive(connection, buffer);
                if (read == -LinuxSockets.Again)
                {
                    continue;
                }

                if (read <= 0)
                {
                    pending.Remove(connection);
                    LinuxSockets.CloseSocket(connection);
                    continue;
                }

                // Every "\r\n\r\n" ends one GET (no bodies): answer each; keep a count of the ending's bytes seen so far.
                var matched = pending.GetValueOrDefault(connection);
                for (var j = 0; j < read; j++)
                {
                    matched = buffer[j] == (matched % 2 == 0 ? (byte)'\r' : (byte)'\n') ? matched + 1 : buffer[j] == '\r' ? 1 : 0;
                    if (matched == 4)
                    {
                        _ = LinuxSockets.Send(connection, answer);
                        matched = 0;
                    }
                }

                pending[connection] = matched;
            }
        }
    }
}
