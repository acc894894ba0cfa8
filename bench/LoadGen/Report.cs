using System.Globalization;
using System.Text;
using System.Text.Json;

namespace IdP.LoadGen;

/// <summary>
/// Writes the run's markdown: the machine and commit, the paths both servers have side by side with the IdP/peer
/// ratio, the IdP-only flows, the hash ceiling and the lookups at each table size. Reads the JSON lines the other
/// commands appended to <c>--in</c>.
/// </summary>
internal static class Report
{
    public static int Run(Arguments args)
    {
        var lines = File.ReadAllLines(args.Get("in")).Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var meta = args.Get("meta", "").Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");
        var md = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;

        md.AppendLine(inv, $"# Benchmark run {meta.GetValueOrDefault("date", "")}").AppendLine();
        md.AppendLine("| | |").AppendLine("|---|---|");
        foreach (var (key, value) in meta)
        {
            md.AppendLine(inv, $"| {key} | {value} |");
        }

        md.AppendLine().AppendLine("Rates are completed operations per second in the measured window; latencies in ms. `gen CPU` is the load generator's "
            + "share of all cores while measuring (wrk or the .NET generator): near 1/cores or above means the generator, not the server, may be the limit. "
            + "`srv ms/op` and `db ms/op` are CPU milliseconds per operation of the server process and of PostgreSQL (all its processes); "
            + "they stay meaningful on a busy machine where rates do not.").AppendLine();

        var summaryAt = md.Length;
        var measurements = lines.Where(l => l.TryGetProperty("concurrency", out _)).ToList();
        var shared = measurements.Where(m => Str(m, "system") == "peer").Select(m => Str(m, "path")).Distinct().ToList();
        if (shared.Count > 0)
        {
            md.AppendLine("## Side by side with node oidc-provider").AppendLine();
            md.AppendLine("| path | c | IdP /s | p50 | p95 | p99 | srv ms/op | db ms/op | gen CPU | peer /s | p50 | p95 | p99 | srv ms/op | gen CPU | IdP/peer |");
            md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var path in shared)
            {
                foreach (var c in measurements.Where(m => Str(m, "path") == path).Select(m => Int(m, "concurrency")).Distinct().Order())
                {
                    var idp = measurements.LastOrDefault(m => Str(m, "path") == path && Int(m, "concurrency") == c && Str(m, "system") == "idp");
                    var peer = measurements.LastOrDefault(m => Str(m, "path") == path && Int(m, "concurrency") == c && Str(m, "system") == "peer");
                    md.AppendLine(inv, $"| {path} | {c} | {Cells(idp, true)} | {Cells(peer, false)} | {Ratio(idp, peer)} |");
                }
            }

            md.AppendLine();
        }

        var own = measurements.Where(m => Str(m, "system") == "idp" && !shared.Contains(Str(m, "path"))).ToList();
        if (own.Count > 0)
        {
            md.AppendLine("## IdP only").AppendLine();
            md.AppendLine("| path | c | /s | p50 | p95 | p99 | srv ms/op | db ms/op | gen CPU | errors | window s |");
            md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var m in own)
            {
                md.AppendLine(inv, $"| {Str(m, "path")} | {Int(m, "concurrency")} | {Cells(m, true)} | {Int(m, "errors")} | {m.GetProperty("seconds").GetDouble():F0} |");
            }

            md.AppendLine();
        }

        var open = lines.Where(l => Str(l, "mode") == "open").ToList();
        if (open.Count > 0)
        {
            md.AppendLine("## p99 at half of peak (open loop, constant rate)").AppendLine();
            md.AppendLine("Each non-hash path once more at a constant 50 % of the best rate the sweep above measured for it (same system), "
                + "requests started on a fixed schedule whatever the earlier ones did, latency measured from each request's intended send time "
                + "(no coordinated omission: a stall is charged to every request due during it). .NET load generator for IdP and peer alike: an event loop "
                + "(one thread; `generator` says whether in the real-time class) driving non-blocking raw keep-alive HTTP/1.1 connections; refresh grants on "
                + "rotation chains, one per connection; a request over 1 ms late while every connection is busy opens another (`capacity`). `achieved` is responses "
                + "that arrived in the window per second; `send lag` the p50 and p99 of how late requests were sent (part of every latency), then "
                + "the p99 of those that found a connection free (the generator's own lateness: its wake-up and its work) and the share that waited for one "
                + "(every connection busy: a server behind, or at the cap); `in flight` the most requests open at once. PASS: p99 < 50 ms, no errors, achieved ≥ 95 % of the asked rate.").AppendLine();
            md.AppendLine("| system | path | peak /s | asked /s | achieved /s | p50 | p95 | p99 | max | send lag p50 / p99 | own lag p99 · queued | in flight | capacity | generator | srv ms/op | db ms/op | gen CPU | errors | p99 < 50 ms |");
            md.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---:|---:|---:|---:|---|");
            foreach (var o in open)
            {
                md.AppendLine(inv, $"| {Str(o, "system")} | {Str(o, "path")} | {Rate(Dbl(o, "peak_rate"))} | {Rate(Dbl(o, "asked_rate"))} | {Rate(Dbl(o, "achieved_rate"))} | "
                    + $"{Dbl(o, "p50_ms"):F1} | {Dbl(o, "p95_ms"):F1} | {Dbl(o, "p99_ms"):F1} | {Dbl(o, "max_ms"):F1} | {Dbl(o, "send_lag_p50_ms"):F2} / {Dbl(o, "send_lag_p99_ms"):F2} | "
                    + $"{(o.TryGetProperty("queued_share", out var q) && q.ValueKind == JsonValueKind.Number ? string.Create(inv, $"{Dbl(o, "wake_lag_p99_ms"):F2} · {q.GetDouble():P1}") : "")} | "
                    + $"{Dbl(o, "max_in_flight"):F0} | {Str(o, "capacity")} | {Str(o, "generator")} | {Dbl(o, "server_cpu_ms_per_op"):F2} | "
                    + $"{(Str(o, "system") == "peer" ? "" : Dbl(o, "database_cpu_ms_per_op").ToString("F2", inv))} | {Dbl(o, "load_gen_cpu"):P0} | {Dbl(o, "errors"):F0} | **{Str(o, "verdict")}** |");
            }

            md.AppendLine();
        }

        if (lines.FirstOrDefault(l => Str(l, "system") == "hash") is { ValueKind: JsonValueKind.Object } hash)
        {
            var ceiling = hash.GetProperty("signin_ceiling_per_s").GetDouble();
            var cores = Int(hash, "cores") is > 0 and var n ? n : Environment.ProcessorCount;
            var best = own.Where(m => Str(m, "path") == "signin").Select(m => m.GetProperty("rate").GetDouble()).DefaultIfEmpty(0).Max();
            md.AppendLine("## Sign-in against the hash ceiling").AppendLine();
            md.Append(inv, $"One password verification (PBKDF2-HMAC-SHA512, {Int(hash, "hash_iterations"):N0} iterations, the configured cost) takes "
                + $"{hash.GetProperty("hash_ms").GetDouble():F1} ms on one core in this run (fastest {hash.GetProperty("hash_fastest_ms").GetDouble():F1} ms), "
                + $"so {cores} cores can verify at most {ceiling:F2} passwords/s (issue 16's ceiling). ");

            // A run limited to other paths (--paths) measured no sign-in: no rate, so no verdict rather than a false FAIL.
            if (best > 0)
            {
                md.AppendLine(inv, $"Best full sign-in rate: {best:F2}/s = **{(ceiling > 0 ? best / ceiling : 0):P0}** of the ceiling "
                    + $"(target ≥ 90 %: **{(ceiling > 0 && best >= 0.9 * ceiling ? "PASS" : "FAIL")}**).").AppendLine();
            }
            else
            {
                md.AppendLine("No full sign-in was measured in this run, so there is no verdict.").AppendLine();
            }

            if (hash.TryGetProperty("parallel_hashes_per_s", out var parallelElement))
            {
                var parallel = parallelElement.GetDouble();
                md.Append(inv, $"The same verification on {cores} threads at once, back to back for a few seconds, gave {parallel:F2} hashes/s = "
                    + $"{(ceiling > 0 ? parallel / ceiling : 0):P0} of the one-core ceiling: that is how far this machine's cores scale when all of them hash.");
                if (best > 0)
                {
                    md.Append(inv, $" The best sign-in rate is {(parallel > 0 ? best / parallel : 0):P0} of this parallel ceiling; the verdict stays on the one-core ceiling, "
                        + $"and the gap between the two shares is the machine's, not the server's.");
                }

                md.AppendLine().AppendLine();
            }
        }

        var lookups = lines.Where(l => l.TryGetProperty("accounts", out _)).ToList();
        if (lookups.Count > 0)
        {
            md.AppendLine("## Lookups as the account table grows").AppendLine();
            md.AppendLine("| lookup | accounts | p50 ms | p99 ms | plan |").AppendLine("|---|---:|---:|---:|---|");
            foreach (var l in lookups)
            {
                md.AppendLine(inv, $"| {Str(l, "path")} | {l.GetProperty("accounts").GetInt64():N0} | {l.GetProperty("p50_ms").GetDouble():F3} | {l.GetProperty("p99_ms").GetDouble():F3} | {Str(l, "plan")} |");
            }

            md.AppendLine();
        }

        md.Insert(summaryAt, Summary(lines, measurements));
        File.WriteAllText(args.Get("out"), md.ToString());
        Console.Error.WriteLine($"  wrote {args.Get("out")}");
        return 0;
    }

    /// <summary>
    /// The verdicts this run can give on its own (issue 16's targets as bench/README.md says each is judged): p99 at
    /// half of peak per non-hash IdP path, and sign-ins against the hash ceiling. Ratios to the peer are in the table.
    /// </summary>
    private static string Summary(List<JsonElement> lines, List<JsonElement> measurements)
    {
        var inv = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        var open = lines.Where(l => Str(l, "mode") == "open" && Str(l, "system") == "idp").ToList();
        var hash = lines.FirstOrDefault(l => Str(l, "system") == "hash");
        if (open.Count == 0 && hash.ValueKind != JsonValueKind.Object)
        {
            return "";
        }

        md.AppendLine("## Summary").AppendLine();
        foreach (var o in open)
        {
            md.AppendLine(inv, $"- p99 < 50 ms at half of peak, {Str(o, "path")}: **{Str(o, "verdict")}**, p99 {Dbl(o, "p99_ms"):F1} ms at "
                + $"{Rate(Dbl(o, "achieved_rate"))}/s achieved of {Rate(Dbl(o, "asked_rate"))}/s asked (peak {Rate(Dbl(o, "peak_rate"))}/s), {Dbl(o, "errors"):F0} errors.");
        }

        if (hash.ValueKind == JsonValueKind.Object)
        {
            var ceiling = Dbl(hash, "signin_ceiling_per_s");
            var parallel = Dbl(hash, "parallel_hashes_per_s");
            var best = measurements.Where(m => Str(m, "system") == "idp" && Str(m, "path") == "signin").Select(m => Dbl(m, "rate")).DefaultIfEmpty(0).Max();
            if (best > 0 && ceiling > 0)
            {
                var scaling = parallel > 0 ? string.Create(inv, $"; {best / parallel:P0} of the {parallel:F2} hashes/s all cores gave at once.") : ".";
                md.AppendLine(inv, $"- Full sign-ins ≥ 90 % of the hash ceiling: **{(best >= 0.9 * ceiling ? "PASS" : "FAIL")}**, best {best:F2}/s = {best / ceiling:P0} of "
                    + $"cores ÷ one hash ({ceiling:F2}/s){scaling}");
            }
        }

        return md.AppendLine().ToString();
    }

    private static string Cells(JsonElement? m, bool withDatabase)
    {
        if (m is not { } e)
        {
            return withDatabase ? "— | | | | | | " : "— | | | | | ";
        }

        var inv = CultureInfo.InvariantCulture;
        if (e.GetProperty("completed").GetInt64() == 0)
        {
            // Nothing completed in the window (and the 15 s after it): latency and CPU per operation have no meaning.
            var none = withDatabase ? "none completed | | | | | " : "none completed | | | | ";
            return none + string.Create(inv, $"| {e.GetProperty("load_gen_cpu").GetDouble():P0}");
        }

        var cells = string.Create(inv, $"{Rate(e.GetProperty("rate").GetDouble())} | {e.GetProperty("p50_ms").GetDouble():F1} | {e.GetProperty("p95_ms").GetDouble():F1} | {e.GetProperty("p99_ms").GetDouble():F1} | {e.GetProperty("server_cpu_ms_per_op").GetDouble():F2}");
        if (withDatabase)
        {
            // PostgreSQL's CPU is summed over its live processes; a backend that exits in the window takes its CPU with
            // it, which can make the difference negative: then there is no number to give.
            var database = e.GetProperty("database_cpu_ms_per_op").GetDouble();
            cells += database >= 0 ? string.Create(inv, $" | {database:F2}") : " | n/a";
        }

        return cells + string.Create(inv, $" | {e.GetProperty("load_gen_cpu").GetDouble():P0}");
    }

    // Whole numbers where they are large, a decimal or two where they are not (0.6 sign-ins/s is not 1).
    private static string Rate(double rate) => rate.ToString(rate >= 100 ? "F0" : rate >= 10 ? "F1" : "F2", CultureInfo.InvariantCulture);

    private static string Ratio(JsonElement? idp, JsonElement? peer) =>
        idp is { } i && peer is { } p && p.GetProperty("rate").GetDouble() > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{i.GetProperty("rate").GetDouble() / p.GetProperty("rate").GetDouble():F2}")
            : "—";

    private static string Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    private static double Dbl(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : 0;

    private static int Int(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : 0;
}
