using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace IdP.LoadGen;

/// <summary>
/// The single-request paths through <c>wrk</c> (C, one thread: cheaper per request than any .NET client, so the
/// generator is not what limits the peer): a short warm-up run, then the measured run; wrk's own CPU is counted in
/// the load generator's share (it is this process's waited-for child).
/// </summary>
internal static class WrkCommand
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var url = args.Get("url");
        var concurrency = args.Int("concurrency", 8);
        var seconds = args.Double("seconds", 5);
        var serverPid = args.Optional("server-pid") is { } s ? int.Parse(s, CultureInfo.InvariantCulture) : (int?)null;
        var databasePid = args.Optional("db-pid") is { } d ? int.Parse(d, CultureInfo.InvariantCulture) : (int?)null;
        var script = args.Get("script", Path.Combine(AppContext.BaseDirectory, "bench.lua"));
        var body = args.Optional("body");

        await RunWrkAsync(url, concurrency, args.Double("warmup", 1), script, body);
        var window = new CpuWindow(serverPid, databasePid);
        var result = await RunWrkAsync(url, concurrency, seconds, script, body);
        var (serverCpu, databaseCpu, loadGenShare) = window.Stop();

        var requests = result.GetProperty("requests").GetInt64();
        var errors = result.GetProperty("non2xx").GetInt64() + result.GetProperty("socket_errors").GetInt64();
        var completed = requests - errors;
        var measurement = new Measurement
        {
            System = args.Get("system", "idp"),
            Path = args.Get("path"),
            Concurrency = concurrency,
            Completed = completed,
            Errors = errors,
            Seconds = result.GetProperty("duration_us").GetInt64() / 1e6,
            P50Ms = result.GetProperty("p50_us").GetInt64() / 1000.0,
            P95Ms = result.GetProperty("p95_us").GetInt64() / 1000.0,
            P99Ms = result.GetProperty("p99_us").GetInt64() / 1000.0,
            LoadGenCpu = loadGenShare,
            ServerCpuMsPerOp = completed > 0 ? serverCpu * 1000 / completed : 0,
            DatabaseCpuMsPerOp = completed > 0 ? databaseCpu * 1000 / completed : 0,
        };
        measurement.AppendTo(args.Optional("out"));
        Console.Error.WriteLine("  " + measurement);
        return completed > 0 && (!args.Flag("strict") || errors == 0) ? 0 : 1;
    }

    private static async Task<JsonElement> RunWrkAsync(string url, int concurrency, double seconds, string script, string? body)
    {
        var start = new ProcessStartInfo("wrk")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-t1", $"-c{concurrency}", $"-d{Math.Max(1, (int)Math.Round(seconds))}s", "--timeout", "10s", "-s", script, url })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["BENCH_BODY"] = body ?? "";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start wrk (apt-get install wrk).");
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("WRK ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"wrk printed no result ({process.ExitCode}): {output} {error}");
        return JsonDocument.Parse(line[4..]).RootElement.Clone();
    }
}
