using System.Diagnostics;
using System.Net.Sockets;

namespace IdP.LoadGen;

/// <summary>
/// One thread of the open-loop generator (<see cref="OpenLoop"/>): requests <c>offset</c>, <c>offset + stride</c>, …
/// of the schedule, on its own non-blocking connections and its own epoll set, nothing shared with the other threads
/// but the counters and the records. Every step is a system call the kernel answers at once (send, recv, connect
/// started, epoll), so one thread keeps hundreds of connections busy for a few microseconds of CPU per request.
/// </summary>
internal sealed class OpenLoopEventLoop
{
    // Closer than this to a request's time, the thread spins instead of asking the kernel to wake it: a wake-up costs
    // about as much, and a spin this short takes nothing from the server. Longer spins would, on a shared 2-core machine.
    private const double SpinSeconds = 5e-6;

    private readonly OpenLoopRun _run;
    private readonly int _offset;
    private readonly int _stride;
    private readonly int _epoll = LinuxSockets.CreateEpoll();
    private readonly List<Connection?> _connections = [];
    private readonly Stack<int> _freeIds = new();
    private readonly Queue<Connection> _idle = new();
    private readonly List<Task<string>> _seeding = [];
    private readonly byte[] _events = new byte[256 * LinuxSockets.EventSize];
    private readonly long _tick = Stopwatch.Frequency / 100;
    private int _connecting;
    private int _busy;
    private long _noOpenBefore;
    private long _lastBlocked = long.MinValue;

    public OpenLoopEventLoop(OpenLoopRun run, int offset, int stride)
    {
        _run = run;
        _offset = offset;
        _stride = stride;
    }

    private enum Phase
    {
        Connecting,
        Idle,
        Busy,
    }

    /// <summary>Opens one connection before the clock starts (with its state, a refresh chain's first token, when the path keeps one).</summary>
    public void Open(string? state)
    {
        if (_run.TryOpen())
        {
            _ = StartConnection(state);
        }
    }

    /// <summary>Before the clock starts: waits until the connections <see cref="Open"/> started are up.</summary>
    public void AwaitConnections()
    {
        var until = Stopwatch.GetTimestamp() + _run.TimeoutTicks;
        while (_connecting > 0 && Stopwatch.GetTimestamp() < until)
        {
            HandleEvents(LinuxSockets.Wait(_epoll, _events, 10_000_000));
        }

        Sweep(long.MaxValue);
    }

    /// <summary>The thread's loop: sends what is due, reads what arrived, waits for the next of the two.</summary>
    public void Run()
    {
        LinuxSockets.PreciseTimers();
        if (_run.RealTime && !LinuxSockets.RealTime())
        {
            _run.NoRealTime();
        }

        var spin = (long)(SpinSeconds * Stopwatch.Frequency);
        var index = (long)_offset;
        var nextSweep = 0L;
        try
        {
            while (true)
            {
                var now = Stopwatch.GetTimestamp();
                if (now > _run.Deadline)
                {
                    return;
                }

                if (_seeding.Count > 0)
                {
                    CollectSeeds(now);
                }

                // Every request that is due goes out now, each on the connection that has been free the longest.
                var waitUntil = long.MaxValue;
                while (index < _run.Total)
                {
                    var intended = _run.Intended(index);
                    if (intended > now)
                    {
                        waitUntil = intended;
                        break;
                    }

                    // Answers that arrived since the last look free their connections before any new one is opened.
                    if (_idle.Count == 0)
                    {
                        HandleEvents(LinuxSockets.Wait(_epoll, _events, 0));
                    }

                    if (TakeIdle() is not { } connection)
                    {
                        _lastBlocked = now;
                        // Due, and every connection busy: perhaps one more connection (OpenForWaiting says when);
                        // whichever connection is free first, old or new, takes the request. Wake up for the next
                        // request after those waiting, or when the first waiting one is a millisecond late.
                        var waiting = OpenForWaiting(index, now);
                        waitUntil = index + (waiting * _stride) < _run.Total ? _run.Intended(index + (waiting * _stride)) : long.MaxValue;
                        var late = intended + (Stopwatch.Frequency / 1000);
                        if (late > now)
                        {
                            waitUntil = Math.Min(waitUntil, late);
                        }

                        break;
                    }

                    Send(connection, index, intended);
                    index += _stride;
                    now = Stopwatch.GetTimestamp();
                }

                if (index >= _run.Total && _busy == 0)
                {
                    return;
                }

                if (now >= nextSweep)
                {
                    Sweep(now);
                    nextSweep = now + _tick;
                }

                if (waitUntil != long.MaxValue && waitUntil - now <= spin && waitUntil > now)
                {
                    while (Stopwatch.GetTimestamp() < waitUntil)
                    {
                        Thread.SpinWait(8);
                    }

                    continue;
                }

                // Sleep in epoll until an answer arrives or the next request is due; at most to the next sweep for
                // timeouts, and a millisecond while refresh chains are being made on the thread pool.
                var wake = Math.Min(waitUntil, nextSweep);
                if (_seeding.Count > 0)
                {
                    wake = Math.Min(wake, now + (_tick / 10));
                }

                var nanoseconds = Math.Max(0, (long)((wake - now) * (1e9 / Stopwatch.Frequency)));
                HandleEvents(LinuxSockets.Wait(_epoll, _events, nanoseconds));
            }
        }
        finally
        {
            foreach (var connection in _connections)
            {
                if (connection is not null)
                {
                    LinuxSockets.CloseSocket(connection.Fd);
                }
            }

            LinuxSockets.CloseSocket(_epoll);
        }
    }

    private long OpenForWaiting(long index, long now)
    {
        var dueUpTo = Math.Min(_run.Total - 1, (long)Math.Floor((now - _run.Start) / (double)Stopwatch.Frequency * _run.Rate));
        var waiting = Math.Max(1, ((dueUpTo - index) / _stride) + 1);
        // As the thread generator did: a connection is added only when the first waiting request is more than a
        // millisecond late, and one at a time (the next after this one comes up). Opening one per waiting request at
        // once turned every hiccup of the server into hundreds of new connections for it to accept while behind.
        if (now - _run.Intended(index) < Stopwatch.Frequency / 1000 || _connecting + _seeding.Count > 0 || now < _noOpenBefore || !_run.TryOpen())
        {
            return waiting;
        }

        if (_run.Path.NewStateAsync() is { } seed)
        {
            _seeding.Add(seed);
        }
        else
        {
            _ = StartConnection(null);
        }

        return waiting;
    }

    private void CollectSeeds(long now)
    {
        for (var i = _seeding.Count - 1; i >= 0; i--)
        {
            var seed = _seeding[i];
            if (!seed.IsCompleted)
            {
                continue;
            }

            _seeding.RemoveAt(i);
            if (seed.IsCompletedSuccessfully)
            {
                _ = StartConnection(seed.Result);
            }
            else
            {
                _run.Note("making a refresh chain: " + (seed.Exception?.GetBaseException().Message ?? "cancelled"));
                _run.Closed();
                _noOpenBefore = now + _tick;
            }
        }
    }

    private bool StartConnection(string? state)
    {
        int fd;
        try
        {
            fd = LinuxSockets.StartConnect(_run.Path.EndPoint);
        }
        catch (SocketException exception)
        {
            _run.Note("connect: " + exception.Message);
            _run.Closed();
            _noOpenBefore = Stopwatch.GetTimestamp() + _tick;
            return false;
        }

        var id = _freeIds.Count > 0 ? _freeIds.Pop() : _connections.Count;
        var connection = new Connection(id, fd, state) { Deadline = Stopwatch.GetTimestamp() + _run.TimeoutTicks };
        if (id == _connections.Count)
        {
            _connections.Add(connection);
        }
        else
        {
            _connections[id] = connection;
        }

        _connecting++;
        LinuxSockets.Watch(_epoll, fd, LinuxSockets.Out, (ulong)id, add: true);
        return true;
    }

    private Connection? TakeIdle()
    {
        while (_idle.TryDequeue(out var connection))
        {
            if (!connection.Closed && connection.Phase == Phase.Idle)
            {
                return connection;
            }
        }

        return null;
    }

    private void Send(Connection connection, long index, long intended)
    {
        connection.Index = index;
        connection.Intended = intended;
        // Whether it waited for a free connection: the loop found none at some moment after this request was due.
        connection.Queued = _lastBlocked >= intended;
        connection.Request = _run.Path.Request(connection.State);
        connection.Written = 0;
        connection.Received = 0;
        connection.Phase = Phase.Busy;
        connection.SentAt = Stopwatch.GetTimestamp();
        connection.Deadline = connection.SentAt + _run.TimeoutTicks;
        _busy++;
        _run.Sent();
        Write(connection);
    }

    private void Write(Connection connection)
    {
        while (connection.Written < connection.Request.Length)
        {
            var sent = LinuxSockets.Send(connection.Fd, connection.Request.AsSpan(connection.Written));
            if (sent == -LinuxSockets.Again)
            {
                // The socket's buffer is full (never for these small requests on loopback, but possible): finish when writable.
                if (!connection.WantsWrite)
                {
                    connection.WantsWrite = true;
                    LinuxSockets.Watch(_epoll, connection.Fd, LinuxSockets.In | LinuxSockets.Out | LinuxSockets.ReadHangUp, (ulong)connection.Id, add: false);
                }

                return;
            }

            if (sent < 0)
            {
                Fail(connection, "send: " + new SocketException(-sent).Message);
                return;
            }

            connection.Written += sent;
        }

        if (connection.WantsWrite)
        {
            connection.WantsWrite = false;
            LinuxSockets.Watch(_epoll, connection.Fd, LinuxSockets.In | LinuxSockets.ReadHangUp, (ulong)connection.Id, add: false);
        }
    }

    private void HandleEvents(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var (events, data) = LinuxSockets.EventAt(_events, i);
            if (_connections[(int)data] is not { } connection)
            {
                continue;
            }

            switch (connection.Phase)
            {
                case Phase.Connecting:
                    Connected(connection);
                    break;
                case Phase.Idle:
                    // An idle connection that becomes readable was closed by the server (a keep-alive timeout, as
                    // node's 5 s): nothing was asked on it, so nothing failed; a new one is opened when needed.
                    if (LinuxSockets.Receive(connection.Fd, connection.Buffer) != -LinuxSockets.Again)
                    {
                        Retire(connection);
                    }

                    break;
                default:
                    if ((events & LinuxSockets.Out) != 0 && connection.Written < connection.Request.Length)
                    {
                        Write(connection);
                    }

                    if (connection.Phase == Phase.Busy && (events & (LinuxSockets.In | LinuxSockets.Error | LinuxSockets.HangUp | LinuxSockets.ReadHangUp)) != 0)
                    {
                        Read(connection);
                    }

                    break;
            }
        }
    }

    private void Connected(Connection connection)
    {
        var error = LinuxSockets.PendingError(connection.Fd);
        if (error != 0)
        {
            _run.Note("connect: " + new SocketException(error).Message);
            _noOpenBefore = Stopwatch.GetTimestamp() + _tick;
            Retire(connection);
            return;
        }

        _connecting--;
        _run.Connected();
        connection.Phase = Phase.Idle;
        LinuxSockets.Watch(_epoll, connection.Fd, LinuxSockets.In | LinuxSockets.ReadHangUp, (ulong)connection.Id, add: false);
        _idle.Enqueue(connection);
    }

    private void Read(Connection connection)
    {
        while (true)
        {
            if (connection.Received == connection.Buffer.Length)
            {
                var grown = connection.Buffer;
                Array.Resize(ref grown, grown.Length * 2);
                connection.Buffer = grown;
            }

            var read = LinuxSockets.Receive(connection.Fd, connection.Buffer.AsSpan(connection.Received));
            if (read == -LinuxSockets.Again)
            {
                return;
            }

            if (read <= 0)
            {
                Fail(connection, read == 0 ? "The server closed the connection." : "recv: " + new SocketException(-read).Message);
                return;
            }

            connection.Received += read;
            bool complete;
            int status;
            bool close;
            try
            {
                complete = RawHttp.Complete(connection.Buffer.AsSpan(0, connection.Received), out status, out close);
            }
            catch (IOException exception)
            {
                Fail(connection, exception.Message);
                return;
            }

            if (complete)
            {
                Finish(connection, status, close);
                return;
            }

            if (connection.Received < connection.Buffer.Length)
            {
                // Not all there yet: the rest comes with a later event.
                return;
            }
        }
    }

    private void Finish(Connection connection, int status, bool close)
    {
        var ended = Stopwatch.GetTimestamp();
        var state = connection.State;
        var problem = _run.Path.Check(status, connection.Buffer.AsSpan(0, connection.Received), ref state);
        var spent = connection.State is not null && state is null;
        connection.State = state;
        _busy--;
        _run.Ended(connection.Index, connection.Intended, connection.SentAt, connection.Queued, ended, problem is null);
        if (problem is not null)
        {
            _run.Note(problem);
        }

        if (spent)
        {
            // A refresh chain whose grant failed: its token may have been redeemed, so the chain ends here (its
            // failure is already counted; nothing is retried away).
            Retire(connection);
        }
        else if (close)
        {
            if (connection.State is null)
            {
                Retire(connection);
            }
            else
            {
                Reconnect(connection);
            }
        }
        else
        {
            connection.Phase = Phase.Idle;
            _idle.Enqueue(connection);
        }
    }

    // The request on this connection failed and the stream is at an unknown place: the connection (and a chain on it) ends.
    private void Fail(Connection connection, string message)
    {
        _busy--;
        _run.Ended(connection.Index, connection.Intended, connection.SentAt, connection.Queued, Stopwatch.GetTimestamp(), ok: false);
        _run.Note(message);
        Retire(connection);
    }

    private void Retire(Connection connection)
    {
        if (connection.Phase == Phase.Connecting)
        {
            _connecting--;
        }

        connection.Closed = true;
        LinuxSockets.CloseSocket(connection.Fd);
        _connections[connection.Id] = null;
        _freeIds.Push(connection.Id);
        _run.Closed();
    }

    // The server closed a connection that carries a refresh chain after a good answer: the chain goes on over a new one.
    private void Reconnect(Connection connection)
    {
        var state = connection.State;
        Retire(connection);
        if (_run.TryOpen())
        {
            _ = StartConnection(state);
        }
    }

    // Requests past their timeout fail with the latency they reached; connections that never came up are dropped.
    private void Sweep(long now)
    {
        foreach (var connection in _connections.ToArray())
        {
            if (connection is null || now <= connection.Deadline)
            {
                continue;
            }

            if (connection.Phase == Phase.Busy)
            {
                Fail(connection, "timed out");
            }
            else if (connection.Phase == Phase.Connecting)
            {
                _run.Note("connect: timed out");
                Retire(connection);
            }
        }
    }

    private sealed class Connection(int id, int fd, string? state)
    {
        public int Id { get; } = id;

        public int Fd { get; } = fd;

        public string? State { get; set; } = state;

        public Phase Phase { get; set; } = Phase.Connecting;

        public bool Closed { get; set; }

        public bool WantsWrite { get; set; }

        public byte[] Request { get; set; } = [];

        public int Written { get; set; }

        public int Received { get; set; }

        public long Index { get; set; }

        public long Intended { get; set; }

        public long SentAt { get; set; }

        public bool Queued { get; set; }

        public long Deadline { get; set; }

        public byte[] Buffer { get; set; } = new byte[16 * 1024];
    }
}
