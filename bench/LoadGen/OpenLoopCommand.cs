using System.Globalization;
using System.Net;
using System.Text.Json;

namespace IdP.LoadGen;

/// <summary>
/// <c>openloop</c>: one constant-rate point (<see cref="OpenLoop"/>) at a share of the peak rate this run's
/// closed-loop sweep measured for the same system and path (read from the results file), judged against issue 16's
/// "p99 &lt; 50 ms for non-hash paths at half of peak throughput". Single requests (discovery, JWKS, client
/// credentials; IdP and peer) go over raw keep-alive HTTP/1.1 connections (<see cref="RawHttpConnection"/>, a
/// blocking thread each, close to wrk's cost per request), up to 1,024 opened as needed; refresh grants run on
/// rotation chains (one per worker, up to 256, each started by an SSO sign-in of one browser), through
/// SocketsHttpHandler as the closed-loop refresh does.
/// </summary>
internal static class OpenLoopCommand
{
    /// <summary>The latency the verdict compares p99 with (issue 16).</summary>
    public const double ThresholdMs = 50;

    public static async Task<int> RunAsync(Arguments args)
    {
        var system = args.Get("system", "idp");
        var path = args.Get("path");
        var share = args.Double("share", 0.5);
        var results = args.Get("out");
        var peak = PeakRate(results, system, path);
        if (peak <= 0)
        {
            Console.Error.WriteLine($"  {system} {path} open loop: no closed-loop rate for this path in {results}; nothing to take a share of.");
            return 1;
        }

        var rate = peak * share;
        var warmup = TimeSpan.FromSeconds(args.Double("warmup", 1));
        var duration = TimeSpan.FromSeconds(args.Double("seconds", 5));
        var timeout = TimeSpan.FromSeconds(args.Double("timeout", 10));
        var serverPid = args.Optional("server-pid") is { } s ? int.Parse(s, CultureInfo.InvariantCulture) : (int?)null;
        var databasePid = args.Optional("db-pid") is { } d ? int.Parse(d, CultureInfo.InvariantCulture) : (int?)null;

        using var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        };
        using var http = new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };

        // Workers: enough at the start for a millisecond of requests at the asked rate (at least 4); a worker starts
        // another whenever its request is late while every other worker is busy, up to the cap.
        var initial = Math.Clamp((int)Math.Ceiling(rate / 1000), 4, 64);
        int cap;
        Func<IOpenLoopWorker> createWorker;
        if (path == "refresh")
        {
            var settings = FlowSettings.From(args);
            var cursor = new AccountCursor(args.Optional("cursor-file"), args.Int("first-account", 0), args.Int("last-account", int.MaxValue));
            // One password sign-in (one hash) for the whole point; every further chain is an SSO sign-in of the same browser.
            var browser = new WebSession(http, settings.Origin);
            var seed = new Queue<string>(await FlowCommands.StartChainsAsync(browser, http, settings, settings.Email(cursor.Next()), 1));
            cursor.Save();
            var gate = new Lock();
            cap = 256;
            createWorker = () =>
            {
                lock (gate)
                {
                    var token = seed.Count > 0 ? seed.Dequeue() : Flows.SilentSignInAsync(browser, http, settings, CancellationToken.None).GetAwaiter().GetResult();
                    return new RefreshChain(http, settings, token);
                }
            };
        }
        else
        {
            var url = new Uri(args.Get("url"));
            var request = RawHttpConnection.Request(url, args.Optional("body") is { Length: > 0 } form ? form : null);
            cap = 1024;
            createWorker = () => new RawRequest(RawHttpConnection.Open(url, request, timeout), url.AbsolutePath);
        }

        var result = OpenLoop.Run(rate, warmup, duration, timeout, initial, cap, serverPid, databasePid, createWorker);
        var poolNote = path == "refresh" ? $"{result.Workers} of up to {cap} refresh chains" : $"{result.Workers} of up to {cap} connections";
        var pass = result.Errors == 0 && result.P99Ms < ThresholdMs && result.Achieved >= 0.95 * result.Asked;
        var line = JsonSerializer.Serialize(new
        {
            mode = "open",
            system,
            path,
            peak_rate = peak,
            share,
            asked_rate = result.Asked,
            achieved_rate = result.Achieved,
            scheduled = result.Scheduled,
            completed = result.Completed,
            errors = result.Errors,
            seconds = result.Seconds,
            p50_ms = result.P50Ms,
            p95_ms = result.P95Ms,
            p99_ms = result.P99Ms,
            max_ms = result.MaxMs,
            send_lag_p99_ms = result.SendLagP99Ms,
            max_in_flight = result.MaxInFlight,
            capacity = poolNote,
            load_gen_cpu = result.LoadGenShare,
            server_cpu_ms_per_op = result.Completed > 0 ? result.ServerCpu * 1000 / result.Completed : 0,
            database_cpu_ms_per_op = result.Completed > 0 ? result.DatabaseCpu * 1000 / result.Completed : 0,
            threshold_ms = ThresholdMs,
            verdict = pass ? "PASS" : "FAIL",
        });
        Console.WriteLine(line);
        File.AppendAllLines(results, [line]);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {system} {path} open loop at {result.Asked:F1}/s ({share:P0} of {peak:F1}/s): achieved {result.Achieved:F1}/s, p50 {result.P50Ms:F1} ms p99 {result.P99Ms:F1} ms, errors {result.Errors}, max in flight {result.MaxInFlight}: {(pass ? "PASS" : "FAIL")}"));
        // The verdict is the table's; the command fails only when the point could not be measured at all.
        return result.Completed > 0 && (!args.Flag("strict") || result.Errors == 0) ? 0 : 1;
    }

    /// <summary>The highest closed-loop rate of this system and path in the results file so far (0 when none).</summary>
    private static double PeakRate(string results, string system, string path)
    {
        if (!File.Exists(results))
        {
            return 0;
        }

        var peak = 0.0;
        foreach (var line in File.ReadLines(results).Where(l => l.StartsWith('{')))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            if (root.TryGetProperty("concurrency", out _) && root.TryGetProperty("rate", out var rate)
                && root.GetProperty("system").GetString() == system && root.GetProperty("path").GetString() == path)
            {
                peak = Math.Max(peak, rate.GetDouble());
            }
        }

        return peak;
    }
}

/// <summary>An open-loop worker that sends the prepared request on its own connection; anything but 200 is an error.</summary>
internal sealed class RawRequest(RawHttpConnection connection, string path) : IOpenLoopWorker
{
    public void Execute(TimeSpan timeout)
    {
        var status = connection.Send();
        if (status != 200)
        {
            throw new FlowException($"{status} from {path}");
        }
    }

    public void Dispose() => connection.Dispose();
}

/// <summary>
/// An open-loop worker that owns one refresh-token rotation chain. A grant that fails leaves the chain's state unknown
/// (its token may have been redeemed), so the chain is spent and later grants on this worker fail too: every failure
/// shows as errors, none is retried away.
/// </summary>
internal sealed class RefreshChain(HttpClient http, FlowSettings settings, string token) : IOpenLoopWorker
{
    private string? _token = token;

    public void Execute(TimeSpan timeout)
    {
        var current = _token ?? throw new FlowException("This refresh chain broke on an earlier error.");
        _token = null;
        using var limit = new CancellationTokenSource(timeout);
        _token = Flows.RefreshAsync(http, settings, current, limit.Token).GetAwaiter().GetResult();
    }

    public void Dispose()
    {
    }
}
