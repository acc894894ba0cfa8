using System.Diagnostics;

namespace IdP.LoadGen;

/// <summary>
/// Open-loop load at a constant rate (wrk2's model, in .NET): request <c>i</c> is due at <c>start + i ÷ rate</c>,
/// whatever happened to the requests before it, and its latency is measured from that intended time, not from when
/// it was actually sent. A server that stalls therefore cannot slow the load down and hide the stall (coordinated
/// omission): every request due during the stall waits and is charged the wait.
/// <para>
/// An event loop, as wrk's: a few threads (one by default), each driving many non-blocking keep-alive connections
/// through its own epoll set (<see cref="OpenLoopEventLoop"/>). A thread sends every request that is due on whichever
/// of its connections is free (oldest free first), and sleeps in epoll until the next one is due or an answer
/// arrives; the wait has a nanosecond timeout and 1 ns of timer slack, so a request leaves within microseconds of its
/// time instead of a millisecond-grained sleep's when the CPU is there to run it. A request more than a millisecond
/// late while every connection is busy makes the thread open another (one at a time, up to <c>maxSlots</c> in all);
/// the request goes out on the first connection to come free, old or new, so the generator keeps the schedule rather
/// than capping what is in flight. How late each request left is part of its latency and shown separately (send lag),
/// split into the generator's own lateness (requests that found a connection free) and the share that waited for one,
/// with the most requests in flight at once.
/// </para>
/// <para>
/// With <c>realTime</c> the loops' threads ask for SCHED_FIFO: their wake-ups stay on time on a machine busy with
/// other work, at the price of preempting the server whenever they wake (bench/README.md has the measurements).
/// </para>
/// <para>
/// The first <c>warmup</c> seconds of the schedule are sent and not measured; then every request due in the
/// <c>seconds</c> window is measured to its end (or to <c>timeout</c>, which counts as an error with that latency).
/// </para>
/// </summary>
internal static class OpenLoop
{
    public static OpenLoopResult Run(
        double rate, TimeSpan warmup, TimeSpan duration, TimeSpan timeout, int initialSlots, int maxSlots, int threads, bool realTime, int? serverPid,
        int? databasePid, IOpenLoopPath path)
    {
        var first = (long)Math.Ceiling(rate * warmup.TotalSeconds);
        var total = first + (long)Math.Ceiling(rate * duration.TotalSeconds);
        // Every request ends by its own timeout; the extra seconds only guard against a hang in this process.
        var allowed = warmup + duration + timeout + TimeSpan.FromSeconds(5);
        var run = new OpenLoopRun(rate, first, total, timeout, maxSlots, realTime, path);
        var loops = Enumerable.Range(0, threads).Select(t => new OpenLoopEventLoop(run, t, threads)).ToArray();

        // The first connections (or chains) are made before the clock starts, so the schedule does not begin with their set-up.
        for (var i = 0; i < initialSlots; i++)
        {
            loops[i % threads].Open(path.NewStateAsync()?.GetAwaiter().GetResult());
        }

        foreach (var loop in loops)
        {
            loop.AwaitConnections();
        }

        var frequency = (double)Stopwatch.Frequency;
        run.Start = Stopwatch.GetTimestamp() + (long)(0.01 * frequency);
        run.WindowOpens = run.Start + (long)(first / rate * frequency);
        run.WindowCloses = run.Start + (long)(total / rate * frequency);
        run.Deadline = run.Start + (long)(allowed.TotalSeconds * frequency);
        var running = loops.Select(loop => new Thread(loop.Run, 256 * 1024) { IsBackground = true, Name = "open-loop event loop" }).ToArray();
        foreach (var thread in running)
        {
            thread.Start();
        }

        // The CPU window opens here, off the loops' threads (reading /proc takes a while), when the measured requests start.
        var untilWindow = (run.WindowOpens - Stopwatch.GetTimestamp()) / frequency;
        if (untilWindow > 0)
        {
            Thread.Sleep(TimeSpan.FromSeconds(untilWindow));
        }

        var window = new CpuWindow(serverPid, databasePid);
        foreach (var thread in running)
        {
            thread.Join();
        }

        var (serverCpu, databaseCpu, loadGenShare) = window.Stop();
        var completed = 0L;
        var measured = (int)(total - first);
        var sorted = new List<double>(measured);
        var lagSorted = new List<double>(measured);
        var wakeSorted = new List<double>(measured);
        for (var i = 0; i < measured; i++)
        {
            if (run.Ok[i])
            {
                completed++;
            }

            if (!run.Queued[i] && (run.Ok[i] || run.Latencies[i] > 0))
            {
                wakeSorted.Add(run.Lags[i]);
            }

            // A request never answered or never sent (a hang past every timeout) counts with the whole allowance as its latency.
            sorted.Add(run.Latencies[i] > 0 || run.Ok[i] ? run.Latencies[i] : allowed.TotalMilliseconds);
            lagSorted.Add(run.Lags[i]);
        }

        sorted.Sort();
        lagSorted.Sort();
        wakeSorted.Sort();
        foreach (var message in run.FirstErrors())
        {
            Console.Error.WriteLine($"  open loop error: {message}");
        }

        return new OpenLoopResult(
            Asked: rate,
            Achieved: run.InWindow / duration.TotalSeconds,
            Scheduled: measured,
            Completed: completed,
            Errors: measured - completed,
            Seconds: duration.TotalSeconds,
            P50Ms: Percentile(sorted, 50),
            P95Ms: Percentile(sorted, 95),
            P99Ms: Percentile(sorted, 99),
            MaxMs: sorted.Count > 0 ? sorted[^1] : 0,
            SendLagP50Ms: Percentile(lagSorted, 50),
            SendLagP99Ms: Percentile(lagSorted, 99),
            WakeLagP99Ms: Percentile(wakeSorted, 99),
            QueuedShare: measured > 0 ? 1 - (wakeSorted.Count / (double)measured) : 0,
            MaxInFlight: run.MaxBusy,
            Workers: run.Opened,
            ServerCpu: serverCpu,
            DatabaseCpu: databaseCpu,
            LoadGenShare: loadGenShare,
            RealTime: run.RealTime && !run.RealTimeRefused);
    }

    internal static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, Math.Max(0, (int)Math.Ceiling(p / 100 * sorted.Count) - 1))];
}

/// <summary>
/// What one open-loop point measured: latencies from each request's intended send time; <c>Achieved</c> is the
/// responses that arrived inside the measured window per second (what the server delivered while the schedule ran).
/// </summary>
internal sealed record OpenLoopResult(
    double Asked, double Achieved, long Scheduled, long Completed, long Errors, double Seconds, double P50Ms, double P95Ms, double P99Ms, double MaxMs,
    double SendLagP50Ms, double SendLagP99Ms, long MaxInFlight, long Workers, double ServerCpu, double DatabaseCpu, double LoadGenShare,
    bool RealTime = false, double? WakeLagP99Ms = null, double? QueuedShare = null);

/// <summary>
/// What the requests of one open-loop point are: where they go, their bytes, and whether an answer is right. A path
/// may keep state per connection (a refresh chain's current token): <see cref="NewStateAsync"/> makes it for a new
/// connection, <see cref="Request"/> reads it and <see cref="Check"/> replaces it.
/// </summary>
internal interface IOpenLoopPath
{
    System.Net.IPEndPoint EndPoint { get; }

    /// <summary>The state a new connection starts with, or null when the path keeps none (a connection is enough).</summary>
    Task<string>? NewStateAsync();

    /// <summary>The request to send with this state (the same bytes every time for a path without state).</summary>
    byte[] Request(string? state);

    /// <summary>Null when the answer is right (and the next state, if the path keeps one), else what was wrong.</summary>
    string? Check(int status, ReadOnlySpan<byte> answer, ref string? state);
}

/// <summary>What the event loops of one point share: the schedule, the records of every measured request, the counts.</summary>
internal sealed class OpenLoopRun(double rate, long first, long total, TimeSpan timeout, int maxSlots, bool realTime, IOpenLoopPath path)
{
    private readonly List<string> _firstErrors = [];
    private long _busy;
    private long _maxBusy;
    private long _opened;
    private long _live;
    private long _inWindow;

    public double Rate { get; } = rate;

    /// <summary>Whether the loops' threads ask for the real-time scheduling class (<see cref="OpenLoop"/> says why).</summary>
    public bool RealTime { get; } = realTime;

    /// <summary>Whether a loop's thread was refused the real-time class (no CAP_SYS_NICE): it ran as an ordinary thread.</summary>
    public bool RealTimeRefused { get; private set; }

    public long First { get; } = first;

    public long Total { get; } = total;

    public long TimeoutTicks { get; } = (long)(timeout.TotalSeconds * Stopwatch.Frequency);

    public IOpenLoopPath Path { get; } = path;

    public double[] Latencies { get; } = new double[total - first];

    public double[] Lags { get; } = new double[total - first];

    public bool[] Ok { get; } = new bool[total - first];

    /// <summary>Per measured request: it waited for a free connection (every one was busy, the cap reached or new ones still connecting).</summary>
    public bool[] Queued { get; } = new bool[total - first];

    public long Start { get; set; }

    public long WindowOpens { get; set; }

    public long WindowCloses { get; set; }

    public long Deadline { get; set; }

    public long MaxBusy => Interlocked.Read(ref _maxBusy);

    /// <summary>Connections that came up in all (a reconnected refresh chain counts again), including any closed since.</summary>
    public long Opened => Interlocked.Read(ref _opened);

    public long InWindow => Interlocked.Read(ref _inWindow);

    /// <summary>When request <paramref name="index"/> is due (a Stopwatch timestamp).</summary>
    public long Intended(long index) => Start + (long)(index / Rate * Stopwatch.Frequency);

    /// <summary>Claims one more open connection under the cap; false when the cap is reached.</summary>
    public bool TryOpen()
    {
        if (Interlocked.Increment(ref _live) <= maxSlots)
        {
            return true;
        }

        Interlocked.Decrement(ref _live);
        return false;
    }

    /// <summary>A connection came up.</summary>
    public void Connected() => Interlocked.Increment(ref _opened);

    /// <summary>A connection closed for good: room under the cap for another.</summary>
    public void Closed() => Interlocked.Decrement(ref _live);

    public void Sent()
    {
        var now = Interlocked.Increment(ref _busy);
        long seen;
        while (now > (seen = Interlocked.Read(ref _maxBusy)) && Interlocked.CompareExchange(ref _maxBusy, now, seen) != seen)
        {
        }
    }

    /// <summary>Records request <paramref name="index"/>'s end (measured ones only) and counts it in the window when it succeeded there.</summary>
    public void Ended(long index, long intended, long sent, bool queued, long ended, bool ok)
    {
        Interlocked.Decrement(ref _busy);
        if (ok && ended >= WindowOpens && ended < WindowCloses)
        {
            Interlocked.Increment(ref _inWindow);
        }

        if (index >= First)
        {
            var slot = (int)(index - First);
            Latencies[slot] = (ended - intended) * 1000.0 / Stopwatch.Frequency;
            Lags[slot] = (sent - intended) * 1000.0 / Stopwatch.Frequency;
            Ok[slot] = ok;
            Queued[slot] = queued;
        }
    }

    public void NoRealTime() => RealTimeRefused = true;

    public void Note(string message)
    {
        lock (_firstErrors)
        {
            if (_firstErrors.Count < 5)
            {
                _firstErrors.Add(message);
            }
        }
    }

    public IReadOnlyList<string> FirstErrors()
    {
        lock (_firstErrors)
        {
            return [.. _firstErrors];
        }
    }
}
