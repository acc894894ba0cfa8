using System.Diagnostics;

namespace IdP.LoadGen;

/// <summary>
/// Open-loop load at a constant rate (wrk2's model, in .NET): request <c>i</c> is due at <c>start + i ÷ rate</c>,
/// whatever happened to the requests before it, and its latency is measured from that intended time, not from when
/// it was actually sent. A server that stalls therefore cannot slow the load down and hide the stall (coordinated
/// omission): every request due during the stall waits and is charged the wait.
/// <para>
/// A pacer thread wakes about every millisecond and starts every request that has come due since its last wake; each
/// request runs on its own task, so nothing but the operation's own capacity (1,024 connections per server for
/// single requests, the pool of refresh chains for refresh) bounds how many are in flight. The pacer's own lateness
/// is part of each latency and shown separately (<c>pacer lag</c>), as is the most in flight at once.
/// </para>
/// <para>
/// The first <c>warmup</c> seconds of the schedule are sent and not measured; then every request due in the
/// <c>seconds</c> window is measured to its end (or to <c>timeout</c>, which counts as an error with that latency).
/// </para>
/// </summary>
internal static class OpenLoop
{
    public static async Task<OpenLoopResult> RunAsync(
        double rate, TimeSpan warmup, TimeSpan duration, TimeSpan timeout, int? serverPid, int? databasePid, Func<CancellationToken, Task> operation)
    {
        var first = (long)Math.Ceiling(rate * warmup.TotalSeconds);
        var total = first + (long)Math.Ceiling(rate * duration.TotalSeconds);
        var measured = (int)(total - first);
        var latencies = new double[measured];
        var lags = new double[measured];
        var ok = new bool[measured];
        long done = 0, inFlight = 0, maxInFlight = 0, inWindow = 0;
        var firstErrors = new List<string>();
        using var stop = new CancellationTokenSource();
        var measuredDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (measured == 0)
        {
            measuredDone.SetResult();
        }

        var frequency = (double)Stopwatch.Frequency;
        var start = Stopwatch.GetTimestamp();
        var windowOpens = start + (long)(first / rate * frequency);
        var windowCloses = start + (long)(total / rate * frequency);
        CpuWindow? window = null;
        var windowStarted = new ManualResetEventSlim();

        async Task RunOne(long index, long intended)
        {
            var now = Interlocked.Increment(ref inFlight);
            long seen;
            while (now > (seen = Interlocked.Read(ref maxInFlight)) && Interlocked.CompareExchange(ref maxInFlight, now, seen) != seen)
            {
            }

            var lag = (Stopwatch.GetTimestamp() - intended) * 1000 / frequency;
            var succeeded = false;
            try
            {
                using var limit = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                limit.CancelAfter(timeout);
                await operation(limit.Token);
                succeeded = true;
                var ended = Stopwatch.GetTimestamp();
                if (ended >= windowOpens && ended < windowCloses)
                {
                    Interlocked.Increment(ref inWindow);
                }
            }
            catch (Exception exception) when (exception is FlowException or HttpRequestException or TimeoutException or OperationCanceledException or IOException)
            {
                lock (firstErrors)
                {
                    if (firstErrors.Count < 5)
                    {
                        firstErrors.Add(exception is OperationCanceledException ? $"no answer within {timeout.TotalSeconds:F0} s" : exception.Message);
                    }
                }
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }

            if (index >= first)
            {
                var slot = (int)(index - first);
                latencies[slot] = (Stopwatch.GetTimestamp() - intended) * 1000 / frequency;
                lags[slot] = lag;
                ok[slot] = succeeded;

                if (Interlocked.Increment(ref done) == measured)
                {
                    measuredDone.TrySetResult();
                }
            }
        }

        // The pacer: a dedicated thread, so a busy thread pool delays only the requests, never the schedule itself.
        var pacer = new Thread(() =>
        {
            for (long next = 0; next < total;)
            {
                var elapsed = (Stopwatch.GetTimestamp() - start) / frequency;
                var due = Math.Min(total, (long)Math.Floor(elapsed * rate) + 1);
                for (; next < due; next++)
                {
                    if (next == first)
                    {
                        window = new CpuWindow(serverPid, databasePid);
                        windowStarted.Set();
                    }

                    var index = next;
                    var intended = start + (long)(index / rate * frequency);
                    _ = Task.Run(() => RunOne(index, intended));
                }

                Thread.Sleep(1);
            }
        })
        { IsBackground = true, Name = "open-loop pacer", Priority = ThreadPriority.AboveNormal };
        pacer.Start();

        await Task.Run(windowStarted.Wait);
        // Every measured request ends by its own timeout; the extra seconds only guard against a hang in this process.
        var allowed = duration + timeout + TimeSpan.FromSeconds(5);
        await Task.WhenAny(measuredDone.Task, Task.Delay(allowed));
        var seconds = duration.TotalSeconds;
        var (serverCpu, databaseCpu, loadGenShare) = window!.Stop();
        await stop.CancelAsync();

        var completed = 0L;
        var sorted = new List<double>(measured);
        var lagSorted = new List<double>(measured);
        for (var i = 0; i < measured; i++)
        {
            if (ok[i])
            {
                completed++;
            }

            // A request still open at the end (a hang past every timeout) counts with the whole allowance as its latency.
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
            Seconds: seconds,
            P50Ms: Percentile(sorted, 50),
            P95Ms: Percentile(sorted, 95),
            P99Ms: Percentile(sorted, 99),
            MaxMs: sorted.Count > 0 ? sorted[^1] : 0,
            PacerLagP99Ms: Percentile(lagSorted, 99),
            MaxInFlight: Interlocked.Read(ref maxInFlight),
            ServerCpu: serverCpu,
            DatabaseCpu: databaseCpu,
            LoadGenShare: loadGenShare);
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, Math.Max(0, (int)Math.Ceiling(p / 100 * sorted.Count) - 1))];
}

/// <summary>
/// What one open-loop point measured: latencies from each request's intended send time; <c>Achieved</c> is the
/// responses that arrived inside the measured window per second (what the server delivered while the schedule ran).
/// </summary>
internal sealed record OpenLoopResult(
    double Asked, double Achieved, long Scheduled, long Completed, long Errors, double Seconds, double P50Ms, double P95Ms, double P99Ms, double MaxMs,
    double PacerLagP99Ms, long MaxInFlight, double ServerCpu, double DatabaseCpu, double LoadGenShare);
