using System.Globalization;
using System.Net;
using System.Text.Json;

namespace IdP.LoadGen;

/// <summary>
/// <c>openloop</c>: one constant-rate point (<see cref="OpenLoop"/>) at a share of the peak rate this run's
/// closed-loop sweep measured for the same system and path (read from the results file), or at <c>--rate</c>, judged
/// against issue 16's "p99 &lt; 50 ms for non-hash paths at half of peak throughput". Single requests (discovery,
/// JWKS, client credentials; IdP and peer) and refresh grants (rotation chains, one per connection, each started by
/// an SSO sign-in of one browser) go over raw keep-alive HTTP/1.1 connections driven by an event loop, up to 1,024
/// connections or 256 chains opened as needed. <c>--generator threads</c> runs the previous generator (a blocking
/// thread per connection, <see cref="ThreadOpenLoop"/>) for comparison (bench/README.md).
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
        // --rate asks for a fixed rate instead (the generator's self-test against a trivial responder, bench/README.md).
        var results = args.Optional("out");
        var fixedRate = args.Double("rate", 0);
        var peak = fixedRate > 0 ? fixedRate / share : results is null ? 0 : PeakRate(results, system, path);
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

        // Connections (or chains) at the start: enough for a millisecond of requests at the asked rate (at least 4);
        // more are opened whenever a request is due while all are busy, up to the cap.
        var initial = Math.Clamp((int)Math.Ceiling(rate / 1000), 4, 64);
        var threads = args.Int("threads", 1);
        var generator = args.Get("generator", "events");
        int cap;
        IOpenLoopPath openPath;
        if (path == "refresh")
        {
            var settings = FlowSettings.From(args);
            var cursor = new AccountCursor(args.Optional("cursor-file"), args.Int("first-account", 0), args.Int("last-account", int.MaxValue));
            // One password sign-in (one hash) for the whole point; every further chain is an SSO sign-in of the same browser.
            var browser = new WebSession(http, settings.Origin);
            var seed = await FlowCommands.StartChainsAsync(browser, http, settings, settings.Email(cursor.Next()), 1);
            cursor.Save();
            cap = 256;
            openPath = new RefreshPath(http, browser, settings, seed[0]);
        }
        else
        {
            cap = 1024;
            openPath = new SingleRequestPath(new Uri(args.Get("url")), args.Optional("body") is { Length: > 0 } form ? form : null);
        }

        var result = generator == "threads"
            ? ThreadOpenLoop.Run(rate, warmup, duration, timeout, initial, cap, serverPid, databasePid, () => ThreadWorker.Create(openPath, timeout))
            : OpenLoop.Run(rate, warmup, duration, timeout, initial, cap, threads, args.Flag("realtime"), serverPid, databasePid, openPath);
        var poolNote = path == "refresh" ? $"{result.Workers} of up to {cap} refresh chains" : $"{result.Workers} of up to {cap} connections";
        var generatorNote = generator == "threads" ? "threads, one per connection"
            : $"event loop, {threads} thread{(threads == 1 ? "" : "s")}{(result.RealTime ? ", real-time" : ", ordinary priority")}";
        (openPath as IDisposable)?.Dispose();
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
            send_lag_p50_ms = result.SendLagP50Ms,
            send_lag_p99_ms = result.SendLagP99Ms,
            wake_lag_p99_ms = result.WakeLagP99Ms,
            queued_share = result.QueuedShare,
            max_in_flight = result.MaxInFlight,
            capacity = poolNote,
            generator = generatorNote,
            load_gen_cpu = result.LoadGenShare,
            server_cpu_ms_per_op = result.Completed > 0 ? result.ServerCpu * 1000 / result.Completed : 0,
            database_cpu_ms_per_op = result.Completed > 0 ? result.DatabaseCpu * 1000 / result.Completed : 0,
            threshold_ms = ThresholdMs,
            verdict = pass ? "PASS" : "FAIL",
        });
        Console.WriteLine(line);
        if (results is not null)
        {
            File.AppendAllLines(results, [line]);
        }

        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {system} {path} open loop ({generatorNote}) at {result.Asked:F1}/s ({share:P0} of {peak:F1}/s): achieved {result.Achieved:F1}/s, p50 {result.P50Ms:F1} ms p99 {result.P99Ms:F1} ms, send lag p50 {result.SendLagP50Ms:F3} ms p99 {result.SendLagP99Ms:F2} ms (not queued: p99 {result.WakeLagP99Ms:F3} ms; queued {result.QueuedShare:P1}), generator CPU {result.LoadGenShare:P0}, errors {result.Errors}, max in flight {result.MaxInFlight}, {poolNote}: {(pass ? "PASS" : "FAIL")}"));
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

/// <summary>A single request sent again and again (discovery, JWKS, client credentials); anything but 200 is an error.</summary>
internal sealed class SingleRequestPath(Uri url, string? form) : IOpenLoopPath
{
    private readonly byte[] _request = RawHttp.Request(url, form);

    public Uri Url { get; } = url;

    public string? Form { get; } = form;

    public IPEndPoint EndPoint { get; } = new(IPAddress.Parse(url.Host), url.Port);

    public Task<string>? NewStateAsync() => null;

    public byte[] Request(string? state) => _request;

    public string? Check(int status, ReadOnlySpan<byte> answer, ref string? state) => status == 200 ? null : $"{status} from {Url.AbsolutePath}";
}

/// <summary>
/// Refresh grants on rotation chains, one chain per connection: a chain's next grant needs the refresh token of its
/// previous answer, so a chain is busy while its grant is in flight. A new chain is an SSO sign-in of the one browser
/// (made on the thread pool, one at a time). A grant that fails leaves the chain's state unknown (its token may have
/// been redeemed), so the chain ends there: every failure shows as an error, none is retried away.
/// </summary>
internal sealed class RefreshPath(HttpClient http, WebSession browser, FlowSettings settings, string firstToken) : IOpenLoopPath, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Uri _token = new(settings.Origin, settings.Endpoint("token"));
    private string? _first = firstToken;

    public IPEndPoint EndPoint { get; } = new(IPAddress.Parse(settings.Origin.Host), settings.Origin.Port);

    public FlowSettings Settings { get; } = settings;

    public HttpClient Http { get; } = http;

    public Task<string>? NewStateAsync() => Task.Run(async () =>
    {
        await _gate.WaitAsync();
        try
        {
            if (Interlocked.Exchange(ref _first, null) is { } first)
            {
                return first;
            }

            return await Flows.SilentSignInAsync(browser, Http, Settings, CancellationToken.None);
        }
        finally
        {
            _gate.Release();
        }
    });

    public void Dispose() => _gate.Dispose();

    public byte[] Request(string? state) => RawHttp.Request(_token,
        $"grant_type=refresh_token&client_id={Uri.EscapeDataString(Settings.ClientId)}&refresh_token={Uri.EscapeDataString(state ?? "")}");

    public string? Check(int status, ReadOnlySpan<byte> answer, ref string? state)
    {
        var previous = state;
        state = null;
        var body = RawHttp.Body(answer);
        var text = System.Text.Encoding.UTF8.GetString(body, 0, Math.Min(300, body.Length));
        if (status != 200)
        {
            return $"token endpoint: {status} {text}";
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (!root.TryGetProperty("access_token", out _) || !root.TryGetProperty("id_token", out _))
            {
                return "token endpoint: no access or ID token: " + text;
            }

            if (!root.TryGetProperty("refresh_token", out var refresh) || refresh.GetString() is not { Length: > 0 } next || next == previous)
            {
                return "The refresh token was not rotated.";
            }

            state = next;
            return null;
        }
        catch (JsonException)
        {
            return "token endpoint: not JSON: " + text;
        }
    }
}

/// <summary>The previous generator's workers (<see cref="ThreadOpenLoop"/>): a blocking connection or a chain per thread.</summary>
internal sealed class ThreadWorker(RawHttpConnection? connection, string path, RefreshPath? refresh, string? token) : IOpenLoopWorker
{
    private string? _token = token;

    public static IOpenLoopWorker Create(IOpenLoopPath path, TimeSpan timeout) => path switch
    {
        SingleRequestPath single => new ThreadWorker(RawHttpConnection.Open(single.Url, RawHttp.Request(single.Url, single.Form), timeout), single.Url.AbsolutePath, null, null),
        RefreshPath refresh => new ThreadWorker(null, "", refresh, refresh.NewStateAsync()!.GetAwaiter().GetResult()),
        _ => throw new ArgumentException("Unknown path."),
    };

    public void Execute(TimeSpan timeout)
    {
        if (refresh is null)
        {
            var status = connection!.Send();
            if (status != 200)
            {
                throw new FlowException($"{status} from {path}");
            }

            return;
        }

        var current = _token ?? throw new FlowException("This refresh chain broke on an earlier error.");
        _token = null;
        using var limit = new CancellationTokenSource(timeout);
        _token = Flows.RefreshAsync(refresh.Http, refresh.Settings, current, limit.Token).GetAwaiter().GetResult();
    }

    public void Dispose() => connection?.Dispose();
}
