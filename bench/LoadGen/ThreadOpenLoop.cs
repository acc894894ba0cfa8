using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace IdP.LoadGen;

/// <summary>
/// The previous open-loop generator, kept for comparison with <see cref="OpenLoop"/> (<c>openloop --generator
/// threads</c>; bench/README.md says why it is still here): the same schedule and measurement (request <c>i</c> due at
/// <c>start + i ÷ rate</c>, latency from that intended time), but each connection (or refresh chain) is a thread that
/// claims the next request number, sleeps to its time (Thread.Sleep, then usleep), sends it and blocks for the answer;
/// a worker whose request is more than a millisecond late while every other worker is busy starts another.
/// </summary>
internal static partial class ThreadOpenLoop
{
    public static OpenLoopResult Run(
        double rate, TimeSpan warmup, TimeSpan duration, TimeSpan timeout, int initialWorkers, int maxWorkers, int? serverPid, int? databasePid,
        Func<IOpenLoopWorker> createWorker)
    {
        var first = (long)Math.Ceiling(rate * warmup.TotalSeconds);
        var total = first + (long)Math.Ceiling(rate * duration.TotalSeconds);
        var measured = (int)(total - first);
        var latencies = new double[measured];
        var lags = new double[measured];
        var ok = new bool[measured];
        long next = -1, busy = 0, maxBusy = 0, inWindow = 0, workers = 0;
        var firstErrors = new List<string>();
        var threads = new List<Thread>();
        var frequency = (double)Stopwatch.Frequency;
        CpuWindow? window = null;

        void Note(Exception exception)
        {
            lock (firstErrors)
            {
                if (firstErrors.Count < 5)
                {
                    firstErrors.Add(exception.Message);
                }
            }
        }

        long start = 0, windowOpens = 0, windowCloses = 0;
        void Loop(IOpenLoopWorker worker)
        {
            try
            {
                while (true)
                {
                    var index = Interlocked.Increment(ref next);
                    if (index >= total)
                    {
                        return;
                    }

                    var intended = start + (long)(index / rate * frequency);
                    WaitUntil(intended, frequency);
                    var lag = (Stopwatch.GetTimestamp() - intended) * 1000 / frequency;
                    var now = Interlocked.Increment(ref busy);
                    if (lag > 1 && now >= Interlocked.Read(ref workers) && Interlocked.Read(ref workers) < maxWorkers)
                    {
                        Start(createWorker);
                    }

                    long seen;
                    while (now > (seen = Interlocked.Read(ref maxBusy)) && Interlocked.CompareExchange(ref maxBusy, now, seen) != seen)
                    {
                    }

                    if (index == first)
                    {
                        Volatile.Write(ref window, new CpuWindow(serverPid, databasePid));
                    }

                    var succeeded = false;
                    try
                    {
                        worker.Execute(timeout);
                        succeeded = true;
                        var ended = Stopwatch.GetTimestamp();
                        if (ended >= windowOpens && ended < windowCloses)
                        {
                            Interlocked.Increment(ref inWindow);
                        }
                    }
                    catch (Exception exception) when (exception is FlowException or HttpRequestException or TimeoutException or OperationCanceledException or IOException or SocketException)
                    {
                        Note(exception);
                    }
                    finally
                    {
                        Interlocked.Decrement(ref busy);
                    }

                    if (index >= first)
                    {
                        var slot = (int)(index - first);
                        latencies[slot] = (Stopwatch.GetTimestamp() - intended) * 1000 / frequency;
                        lags[slot] = lag;
                        ok[slot] = succeeded;
                    }
                }
            }
            finally
            {
                worker.Dispose();
            }
        }

        void Start(Func<IOpenLoopWorker> create, IOpenLoopWorker? ready = null)
        {
            Interlocked.Increment(ref workers);
            var thread = new Thread(() =>
            {
                IOpenLoopWorker worker;
                try
                {
                    worker = ready ?? create();
                }
                catch (Exception exception) when (exception is FlowException or HttpRequestException or OperationCanceledException or IOException or SocketException)
                {
                    Note(exception);
                    Interlocked.Decrement(ref workers);
                    return;
                }

                Loop(worker);
            }, 256 * 1024)
            { IsBackground = true, Name = "open-loop worker" };
            lock (threads)
            {
                threads.Add(thread);
            }

            thread.Start();
        }

        // The first workers connect before the clock starts, so the schedule does not begin with their set-up.
        var initial = Enumerable.Range(0, initialWorkers).Select(_ => createWorker()).ToList();
        start = Stopwatch.GetTimestamp() + (long)(0.01 * frequency);
        windowOpens = start + (long)(first / rate * frequency);
        windowCloses = start + (long)(total / rate * frequency);
        foreach (var worker in initial)
        {
            Start(createWorker, worker);
        }

        // Every request ends by its own timeout; the extra seconds only guard against a hang in this process.
        var allowed = warmup + duration + timeout + TimeSpan.FromSeconds(5);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < allowed)
        {
            Thread[] running;
            lock (threads)
            {
                running = [.. threads];
            }

            if (running.All(t => !t.IsAlive) && Interlocked.Read(ref next) >= total - 1)
            {
                break;
            }

            Thread.Sleep(20);
        }

        var (serverCpu, databaseCpu, loadGenShare) = Volatile.Read(ref window) is { } w ? w.Stop() : (0, 0, 0);
        var completed = 0L;
        var sorted = new List<double>(measured);
        var lagSorted = new List<double>(measured);
        for (var i = 0; i < measured; i++)
        {
            if (ok[i])
            {
                completed++;
            }

            // A request never answered (a hang past every timeout) counts with the whole allowance as its latency.
            sorted.Add(latencies[i] > 0 || ok[i] ? latencies[i] : allowed.TotalMilliseconds);
            lagSorted.Add(lags[i]);
        }

        sorted.Sort();
        lagSorted.Sort();
        lock (firstErrors)
        {
            foreach (var message in firstErrors)
            {
                Console.Error.WriteLine($"  open loop error: {message}");
            }
        }

        return new OpenLoopResult(
            Asked: rate,
            Achieved: Interlocked.Read(ref inWindow) / duration.TotalSeconds,
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
            MaxInFlight: Interlocked.Read(ref maxBusy),
            Workers: Interlocked.Read(ref workers),
            ServerCpu: serverCpu,
            DatabaseCpu: databaseCpu,
            LoadGenShare: loadGenShare);
    }

    // Sleeps to the intended time: whole milliseconds with Thread.Sleep while far, then one usleep for the rest
    // (Thread.Sleep cannot wait less than a millisecond). One system call per request at high rates keeps the
    // generator cheap; oversleeping by a few tens of microseconds is charged to the request's latency, never hidden.
    private static void WaitUntil(long intended, double frequency)
    {
        while (true)
        {
            var remaining = (intended - Stopwatch.GetTimestamp()) / frequency;
            if (remaining <= 0)
            {
                return;
            }

            if (remaining > 0.003)
            {
                Thread.Sleep((int)(remaining * 1000) - 2);
            }
            else
            {
                _ = USleep((uint)Math.Max(1, remaining * 1e6));
                return;
            }
        }
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, Math.Max(0, (int)Math.Ceiling(p / 100 * sorted.Count) - 1))];

    [LibraryImport("libc", EntryPoint = "usleep")]
    private static partial int USleep(uint microseconds);
}

/// <summary>What sends one request of the open loop: a connection, or a refresh chain; one thread uses it at a time.</summary>
internal interface IOpenLoopWorker : IDisposable
{
    void Execute(TimeSpan timeout);
}
