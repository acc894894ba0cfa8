using System.Diagnostics;

namespace IdP.LoadGen;

/// <summary>
/// Runs <c>concurrency</c> virtual users, each repeating one operation back to back: a warm-up, then the measured
/// window. An operation counts (with its latency) when it completes inside the window; a failed one counts as an
/// error with its message kept for the log.
/// </summary>
internal static class LoadRunner
{
    public static async Task<Measurement> RunAsync(
        string system, string path, int concurrency, TimeSpan warmup, TimeSpan duration, int? serverPid, int? databasePid,
        Func<int, CancellationToken, Task> operation)
    {
        var latencies = new Latencies();
        long completed = 0, errors = 0;
        var measuring = 0;
        var firstErrors = new List<string>();
        using var stop = new CancellationTokenSource();

        var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var local = new List<double>(1024);
            while (!stop.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await operation(worker, stop.Token);
                    if (Volatile.Read(ref measuring) == 1)
                    {
                        local.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                        Interlocked.Increment(ref completed);
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception exception) when (exception is FlowException or HttpRequestException or TimeoutException or OperationCanceledException)
                {
                    if (Volatile.Read(ref measuring) == 1)
                    {
                        Interlocked.Increment(ref errors);
                    }

                    lock (firstErrors)
                    {
                        if (firstErrors.Count < 5)
                        {
                            firstErrors.Add(exception.Message);
                        }
                    }
                }
            }

            latencies.AddRange(local);
        })).ToArray();

        await Task.Delay(warmup);
        var window = new CpuWindow(serverPid, databasePid);
        Volatile.Write(ref measuring, 1);
        await Task.Delay(duration);

        // A slow operation (a cold sign-in on a busy machine) may not fit a short window: wait for the first one rather
        // than report nothing, for at most 15 seconds more.
        while (Interlocked.Read(ref completed) == 0 && Interlocked.Read(ref errors) == 0 && window.Seconds < duration.TotalSeconds + 15)
        {
            await Task.Delay(50);
        }

        Volatile.Write(ref measuring, 0);
        var seconds = window.Seconds;
        var (serverCpu, databaseCpu, loadGenShare) = window.Stop();
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        foreach (var message in firstErrors)
        {
            Console.Error.WriteLine($"  {system} {path} c={concurrency} error: {message}");
        }

        return new Measurement
        {
            System = system,
            Path = path,
            Concurrency = concurrency,
            Completed = completed,
            Errors = errors,
            Seconds = seconds,
            P50Ms = latencies.Percentile(50),
            P95Ms = latencies.Percentile(95),
            P99Ms = latencies.Percentile(99),
            LoadGenCpu = loadGenShare,
            ServerCpuMsPerOp = completed > 0 ? serverCpu * 1000 / completed : 0,
            DatabaseCpuMsPerOp = completed > 0 ? databaseCpu * 1000 / completed : 0,
        };
    }
}
