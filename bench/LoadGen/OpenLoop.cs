using System.Diagnostics;
using System.Net.Sockets;
using System.Threading.Channels;

namespace IdP.LoadGen;

/// <summary>
/// Open-loop load at a constant rate (wrk2's model, in .NET): request <c>i</c> is due at <c>start + i ÷ rate</c>,
/// whatever happened to the requests before it, and its latency is measured from that intended time, not from when
/// it was actually sent. A server that stalls therefore cannot slow the load down and hide the stall (coordinated
/// omission): every request due during the stall waits and is charged the wait.
/// <para>
/// A pacer thread wakes about every millisecond and queues every request that has come due since its last wake.
/// Workers (a connection each, or a refresh chain each) take them in order. When requests wait in the queue past a
/// pacer tick while every worker is busy, the pacer adds workers (up to <c>maxWorkers</c>), so the generator keeps the
/// schedule rather than capping how many are in flight. How late each request was sent (the pacer's tick plus any wait
/// for a worker) is part of its latency and shown separately (send lag), with the most requests in flight at once.
/// </para>
/// <para>
/// The first <c>warmup</c> seconds of the schedule are sent and not measured; then every request due in the
/// <c>seconds</c> window is measured to its end (or to <c>timeout</c>, which counts as an error with that latency).
/// </para>
/// </summary>
internal static class OpenLoop
{
    public static async Task<OpenLoopResult> RunAsync(
        double rate, TimeSpan warmup, TimeSpan duration, TimeSpan timeout, int initialWorkers, int maxWorkers, int? serverPid, int? databasePid,
        Func<CancellationToken, Task<IOpenLoopWorker>> createWorker)
    {
        var first = (long)Math.Ceiling(rate * warmup.TotalSeconds);
        var total = first + (long)Math.Ceiling(rate * duration.TotalSeconds);
        var measured = (int)(total - first);
        var latencies = new double[measured];
        var lags = new double[measured];
        var ok = new bool[measured];
        long busy = 0, maxBusy = 0, inWindow = 0, workers = 0;
        var firstErrors = new List<string>();
        var frequency = (double)Stopwatch.Frequency;
        var queue = Channel.CreateUnbounded<(long Index, long Intended)>(new UnboundedChannelOptions { SingleWriter = true });
        using var stop = new CancellationTokenSource();

        void Note(Exception exception)
        {
            lock (firstErrors)
            {
                if (firstErrors.Count < 5)
                {
                    firstErrors.Add(exception is OperationCanceledException ? $"no answer within {timeout.TotalSeconds:F0} s" : exception.Message);
                }
            }
        }

        long start = 0, windowOpens = 0, windowCloses = 0;
        async Task Work(IOpenLoopWorker worker)
        {
            var limit = new CancellationTokenSource();
            try
            {
                while (await queue.Reader.WaitToReadAsync(stop.Token))
                {
                    while (queue.Reader.TryRead(out var ticket))
                    {
                        var now = Interlocked.Increment(ref busy);
                        long seen;
                        while (now > (seen = Interlocked.Read(ref maxBusy)) && Interlocked.CompareExchange(ref maxBusy, now, seen) != seen)
                        {
                        }

                        var lag = (Stopwatch.GetTimestamp() - ticket.Intended) * 1000 / frequency;
                        if (!limit.TryReset())
                        {
                            limit.Dispose();
                            limit = new CancellationTokenSource();
                        }

                        limit.CancelAfter(timeout);
                        var succeeded = false;
                        try
                        {
                            await worker.ExecuteAsync(limit.Token);
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

                        if (ticket.Index >= first)
                        {
                            var slot = (int)(ticket.Index - first);
                            latencies[slot] = (Stopwatch.GetTimestamp() - ticket.Intended) * 1000 / frequency;
                            lags[slot] = lag;
                            ok[slot] = succeeded;
                        }
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            finally
            {
                limit.Dispose();
                worker.Dispose();
            }
        }

        var running = new List<Task>();
        var pendingWorkers = 0L;
        void AddWorker()
        {
            Interlocked.Increment(ref workers);
            Interlocked.Increment(ref pendingWorkers);
            var task = Task.Run(async () =>
            {
                IOpenLoopWorker worker;
                try
                {
                    worker = await createWorker(stop.Token);
                }
                catch (Exception exception) when (exception is FlowException or HttpRequestException or OperationCanceledException or IOException or SocketException)
                {
                    Note(exception);
                    Interlocked.Decrement(ref workers);
                    return;
                }
                finally
                {
                    Interlocked.Decrement(ref pendingWorkers);
                }

                await Work(worker);
            });
            lock (running)
            {
                running.Add(task);
            }
        }

        for (var i = 0; i < initialWorkers; i++)
        {
            AddWorker();
        }

        while (Interlocked.Read(ref pendingWorkers) > 0)
        {
            await Task.Delay(10);
        }

        CpuWindow? window = null;
        var windowStarted = new ManualResetEventSlim();
        start = Stopwatch.GetTimestamp();
        windowOpens = start + (long)(first / rate * frequency);
        windowCloses = start + (long)(total / rate * frequency);

        // The pacer: a dedicated thread, so a busy thread pool delays only the requests, never the schedule itself.
        var pacer = new Thread(() =>
        {
            for (long next = 0; next < total;)
            {
                var elapsed = (Stopwatch.GetTimestamp() - start) / frequency;
                var due = Math.Min(total, (long)Math.Floor(elapsed * rate) + 1);
                // Requests still queued a tick after they came due, and no worker idle (each is sending or still
                // connecting): the schedule needs more workers. An idle worker the thread pool has not run yet would
                // not be helped by another one.
                // A worker still connecting (or starting its chain) will take one of the queued requests.
                var pending = Interlocked.Read(ref pendingWorkers);
                var backlog = queue.Reader.Count - pending;
                var idle = Interlocked.Read(ref workers) - Interlocked.Read(ref busy) - pending;
                for (var added = 0; added < Math.Min(backlog, 16) && idle <= 0 && Interlocked.Read(ref workers) < maxWorkers; added++)
                {
                    AddWorker();
                }

                for (; next < due; next++)
                {
                    if (next == first)
                    {
                        window = new CpuWindow(serverPid, databasePid);
                        windowStarted.Set();
                    }

                    queue.Writer.TryWrite((next, start + (long)(next / rate * frequency)));
                }

                Thread.Sleep(1);
            }

            queue.Writer.TryComplete();
        })
        { IsBackground = true, Name = "open-loop pacer", Priority = ThreadPriority.AboveNormal };
        pacer.Start();

        await Task.Run(windowStarted.Wait);
        // Every request ends by its own timeout; the extra seconds only guard against a hang in this process.
        var allowed = duration + timeout + TimeSpan.FromSeconds(5);
        Task[] all;
        var drained = Task.Run(async () =>
        {
            pacer.Join();
            Task[] tasks;
            lock (running)
            {
                tasks = [.. running];
            }

            await Task.WhenAll(tasks);
        });
        await Task.WhenAny(drained, Task.Delay(allowed));
        var (serverCpu, databaseCpu, loadGenShare) = window!.Stop();
        await stop.CancelAsync();
        lock (running)
        {
            all = [.. running];
        }

        await Task.WhenAny(Task.WhenAll(all), Task.Delay(TimeSpan.FromSeconds(5)));

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
            PacerLagP99Ms: Percentile(lagSorted, 99),
            MaxInFlight: Interlocked.Read(ref maxBusy),
            Workers: Interlocked.Read(ref workers),
            ServerCpu: serverCpu,
            DatabaseCpu: databaseCpu,
            LoadGenShare: loadGenShare);
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, Math.Max(0, (int)Math.Ceiling(p / 100 * sorted.Count) - 1))];
}

/// <summary>What takes one request off the open-loop queue: a connection, or a refresh chain.</summary>
internal interface IOpenLoopWorker : IDisposable
{
    Task ExecuteAsync(CancellationToken cancellationToken);
}

/// <summary>
/// What one open-loop point measured: latencies from each request's intended send time; <c>Achieved</c> is the
/// responses that arrived inside the measured window per second (what the server delivered while the schedule ran).
/// </summary>
internal sealed record OpenLoopResult(
    double Asked, double Achieved, long Scheduled, long Completed, long Errors, double Seconds, double P50Ms, double P95Ms, double P99Ms, double MaxMs,
    double PacerLagP99Ms, long MaxInFlight, long Workers, double ServerCpu, double DatabaseCpu, double LoadGenShare);
