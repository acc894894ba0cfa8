using System.Globalization;
using System.Net;

namespace IdP.LoadGen;

/// <summary>The multi-step flows as measurements: sign-in, refresh chains and password reset.</summary>
internal static class FlowCommands
{
    public static async Task<int> RunAsync(string command, Arguments args)
    {
        var settings = FlowSettings.From(args);
        var concurrency = args.Int("concurrency", 8);
        var warmup = TimeSpan.FromSeconds(args.Double("warmup", 1));
        var duration = TimeSpan.FromSeconds(args.Double("seconds", 5));
        if (args.Flag("queue-window") && args.Optional("out") is { } results)
        {
            (warmup, duration) = QueueWindow(results, command, concurrency, warmup, duration);
        }

        var serverPid = args.Optional("server-pid") is { } s ? int.Parse(s, CultureInfo.InvariantCulture) : (int?)null;
        var databasePid = args.Optional("db-pid") is { } d ? int.Parse(d, CultureInfo.InvariantCulture) : (int?)null;
        var cursor = new AccountCursor(args.Optional("cursor-file"), args.Int("first-account", 0), args.Int("last-account", int.MaxValue));

        using var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            MaxConnectionsPerServer = int.MaxValue,
        };
        using var http = new HttpClient(handler, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(60) };
        var browsers = Enumerable.Range(0, concurrency).Select(_ => new WebSession(http, settings.Origin)).ToArray();

        Measurement measurement;
        switch (command)
        {
            case "signin":
                measurement = await LoadRunner.RunAsync("idp", "signin", concurrency, warmup, duration, serverPid, databasePid,
                    (worker, ct) => Flows.SignInAsync(browsers[worker], http, settings, settings.Email(cursor.Next()), ct));
                break;

            case "refresh":
                var chains = await StartChainsAsync(browsers[0], http, settings, settings.Email(cursor.Next()), concurrency);
                measurement = await LoadRunner.RunAsync("idp", "refresh", concurrency, warmup, duration, serverPid, databasePid,
                    async (worker, ct) => chains[worker] = await Flows.RefreshAsync(http, settings, chains[worker], ct));
                break;

            default:
                await using (var sink = await SmtpSink.StartAsync(args.Int("smtp-port", 2525)))
                {
                    measurement = await LoadRunner.RunAsync("idp", "reset", concurrency, warmup, duration, serverPid, databasePid,
                        (worker, ct) => Flows.ResetAsync(browsers[worker], settings, sink, settings.Email(cursor.Next()), ct));
                }

                break;
        }

        cursor.Save();
        measurement.AppendTo(args.Optional("out"));
        Console.Error.WriteLine("  " + measurement);
        return measurement.Completed > 0 && (!args.Flag("strict") || measurement.Errors == 0) ? 0 : 1;
    }

    /// <summary>
    /// A hash-bound point's warm-up and window, long enough for its queue: with C users in a closed loop each
    /// operation waits about C ÷ throughput, the throughput being estimated by this path's best rate at a lower level
    /// of this run (the hash ceiling when there is none yet). The warm-up lasts at least one such wait (so the window
    /// sees the queue full, not the start's burst; at most 20 s) and the window at least three (at most 60 s), so
    /// every user completes a few operations inside it.
    /// </summary>
    private static (TimeSpan Warmup, TimeSpan Duration) QueueWindow(string results, string path, int concurrency, TimeSpan warmup, TimeSpan duration)
    {
        double best = 0, ceiling = 0;
        if (File.Exists(results))
        {
            foreach (var line in File.ReadLines(results).Where(l => l.StartsWith('{')))
            {
                using var json = System.Text.Json.JsonDocument.Parse(line);
                var root = json.RootElement;
                if (root.TryGetProperty("signin_ceiling_per_s", out var c))
                {
                    ceiling = c.GetDouble();
                }
                else if (root.TryGetProperty("concurrency", out var level) && level.GetInt32() < concurrency
                    && root.GetProperty("system").GetString() == "idp" && root.GetProperty("path").GetString() == path)
                {
                    best = Math.Max(best, root.GetProperty("rate").GetDouble());
                }
            }
        }

        var throughput = best > 0 ? best : ceiling;
        if (throughput <= 0)
        {
            return (warmup, duration);
        }

        var wait = concurrency / throughput;
        var longerWarmup = TimeSpan.FromSeconds(Math.Max(warmup.TotalSeconds, Math.Min(wait, 20)));
        var longerWindow = TimeSpan.FromSeconds(Math.Max(duration.TotalSeconds, Math.Min(3 * wait, 60)));
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {path} c={concurrency}: expected wait {wait:F1} s (c ÷ {throughput:F2}/s): warm-up {longerWarmup.TotalSeconds:F1} s, window {longerWindow.TotalSeconds:F1} s"));
        return (longerWarmup, longerWindow);
    }

    /// <summary>One sign-in with the password, then SSO sign-ins: a refresh-token family per chain, one hash in all.</summary>
    internal static async Task<string[]> StartChainsAsync(WebSession browser, HttpClient http, FlowSettings settings, string email, int count)
    {
        var chains = new string[count];
        chains[0] = await Flows.SignInAsync(browser, http, settings, email, CancellationToken.None);
        for (var i = 1; i < count; i++)
        {
            chains[i] = await Flows.SilentSignInAsync(browser, http, settings, CancellationToken.None);
        }

        return chains;
    }
}

/// <summary>
/// Hands out account numbers so no account serves two flows (a reset changes the password; codes have per-address
/// limits). The next free number is kept in a file between the runs of one benchmark.
/// </summary>
internal sealed class AccountCursor(string? file, int first, int last)
{
    private long _next = Math.Max(first, file is not null && File.Exists(file) ? long.Parse(File.ReadAllText(file).Trim(), CultureInfo.InvariantCulture) : first);

    public long Next()
    {
        var next = Interlocked.Increment(ref _next) - 1;
        return next <= last ? next : throw new FlowException($"Out of accounts: more than {last - first + 1} used; seed more (--accounts).");
    }

    public void Save()
    {
        if (file is not null)
        {
            File.WriteAllText(file, Interlocked.Read(ref _next).ToString(CultureInfo.InvariantCulture));
        }
    }
}
