using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace IdP.LoadGen;

/// <summary>
/// <c>openloop</c>: one constant-rate point (<see cref="OpenLoop"/>) at a share of the peak rate this run's
/// closed-loop sweep measured for the same system and path (read from the results file), judged against issue 16's
/// "p99 &lt; 50 ms for non-hash paths at half of peak throughput". Single requests (discovery, JWKS, client
/// credentials; IdP and peer) go through SocketsHttpHandler with up to 1,024 connections opened as needed; refresh
/// takes a rotation chain from a pool for each grant and puts the rotated token back.
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
            MaxConnectionsPerServer = 1024,
        };
        using var http = new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };

        Func<CancellationToken, Task> operation;
        var poolNote = "up to 1,024 connections";
        if (path == "refresh")
        {
            var settings = FlowSettings.From(args);
            var cursor = new AccountCursor(args.Optional("cursor-file"), args.Int("first-account", 0), args.Int("last-account", int.MaxValue));
            // Enough chains that the pool never decides the verdict: a quarter of a second of grants in flight at the
            // asked rate (five times the 50 ms the verdict allows), at least 16.
            var count = Math.Clamp((int)Math.Ceiling(rate / 4), 16, 256);
            var tokens = await FlowCommands.StartChainsAsync(new WebSession(http, settings.Origin), http, settings, settings.Email(cursor.Next()), count);
            cursor.Save();
            var chains = Channel.CreateUnbounded<string>();
            foreach (var token in tokens)
            {
                chains.Writer.TryWrite(token);
            }

            // A grant that fails loses its chain (its token may or may not have been redeemed): counted as an error.
            operation = async ct =>
            {
                var token = await chains.Reader.ReadAsync(ct);
                chains.Writer.TryWrite(await Flows.RefreshAsync(http, settings, token, ct));
            };
            poolNote = $"{count} rotation chains";
        }
        else
        {
            var url = new Uri(args.Get("url"));
            var body = args.Optional("body") is { Length: > 0 } form ? Encoding.ASCII.GetBytes(form) : null;
            operation = async ct =>
            {
                using var request = new HttpRequestMessage(body is null ? HttpMethod.Get : HttpMethod.Post, url);
                if (body is not null)
                {
                    request.Content = new ByteArrayContent(body);
                    request.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
                }

                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new FlowException($"{(int)response.StatusCode} from {url.AbsolutePath}");
                }
            };
        }

        var result = await OpenLoop.RunAsync(rate, warmup, duration, timeout, serverPid, databasePid, operation);
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
            pacer_lag_p99_ms = result.PacerLagP99Ms,
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
