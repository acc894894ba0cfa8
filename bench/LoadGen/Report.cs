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
            md.AppendLine("| path | c | /s | p50 | p95 | p99 | srv ms/op | db ms/op | gen CPU | errors |");
            md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var m in own)
            {
                md.AppendLine(inv, $"| {Str(m, "path")} | {Int(m, "concurrency")} | {Cells(m, true)} | {Int(m, "errors")} |");
            }

            md.AppendLine();
        }

        if (lines.FirstOrDefault(l => Str(l, "system") == "hash") is { ValueKind: JsonValueKind.Object } hash)
        {
            var ceiling = hash.GetProperty("signin_ceiling_per_s").GetDouble();
            var best = own.Where(m => Str(m, "path") == "signin").Select(m => m.GetProperty("rate").GetDouble()).DefaultIfEmpty(0).Max();
            md.AppendLine("## Sign-in against the hash ceiling").AppendLine();
            md.AppendLine(inv, $"One password verification (PBKDF2-HMAC-SHA512, {Int(hash, "hash_iterations"):N0} iterations, the configured cost) takes "
                + $"{hash.GetProperty("hash_ms").GetDouble():F1} ms on one core in this run (fastest {hash.GetProperty("hash_fastest_ms").GetDouble():F1} ms), "
                + $"so {Environment.ProcessorCount} cores can verify at most {ceiling:F0} passwords/s. Best full sign-in rate: {best:F1}/s = "
                + $"{(ceiling > 0 ? best / ceiling : 0):P0} of the ceiling (target ≥ 90 %).").AppendLine();
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

        File.WriteAllText(args.Get("out"), md.ToString());
        Console.Error.WriteLine($"  wrote {args.Get("out")}");
        return 0;
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

    private static int Int(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : 0;
}
