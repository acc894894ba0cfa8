using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IdP.LoadGen;

/// <summary>One line of the results file: a path on a system at one concurrency.</summary>
internal sealed record Measurement
{
    public required string System { get; init; }
    public required string Path { get; init; }
    public required int Concurrency { get; init; }
    public required long Completed { get; init; }
    public required long Errors { get; init; }
    public required double Seconds { get; init; }
    public double Rate => Seconds > 0 ? Completed / Seconds : 0;
    public required double P50Ms { get; init; }
    public required double P95Ms { get; init; }
    public required double P99Ms { get; init; }

    /// <summary>Share of the machine's cores the load generator used while measuring (0..1).</summary>
    public required double LoadGenCpu { get; init; }

    /// <summary>Server (IdP or peer) CPU milliseconds per completed operation.</summary>
    public required double ServerCpuMsPerOp { get; init; }

    /// <summary>PostgreSQL CPU milliseconds per completed operation (0 for the peer, which has no database).</summary>
    public required double DatabaseCpuMsPerOp { get; init; }

    public string? Note { get; init; }

    public static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public void AppendTo(string? file)
    {
        var line = JsonSerializer.Serialize(this, Json);
        Console.WriteLine(line);
        if (file is not null)
        {
            File.AppendAllLines(file, [line]);
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{System} {Path} c={Concurrency}: {Rate:F1}/s p50 {P50Ms:F1} ms p99 {P99Ms:F1} ms errors {Errors}");
}

/// <summary>CPU of the server, the database and the load generator across one measured window.</summary>
internal sealed class CpuWindow
{
    private readonly int? _server;
    private readonly int? _database;
    private readonly double _serverStart;
    private readonly double _databaseStart;
    private readonly TimeSpan _selfStart;
    private readonly double _childrenStart;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public CpuWindow(int? server, int? database)
    {
        _server = server;
        _database = database;
        _serverStart = CpuMeter.Process(server);
        _databaseStart = CpuMeter.Tree(database);
        _selfStart = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        _childrenStart = CpuMeter.Children();
    }

    public double Seconds => _clock.Elapsed.TotalSeconds;

    public (double Server, double Database, double LoadGenShare) Stop()
    {
        var wall = _clock.Elapsed.TotalSeconds;
        var self = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - _selfStart).TotalSeconds + (CpuMeter.Children() - _childrenStart);
        return (CpuMeter.Process(_server) - _serverStart, CpuMeter.Tree(_database) - _databaseStart, self / (wall * Environment.ProcessorCount));
    }
}

/// <summary>Latency samples of one run, in milliseconds.</summary>
internal sealed class Latencies
{
    private readonly List<double> _samples = [];
    private readonly Lock _gate = new();

    public void AddRange(IEnumerable<double> samples)
    {
        lock (_gate)
        {
            _samples.AddRange(samples);
        }
    }

    public int Count => _samples.Count;

    public double Percentile(double p)
    {
        if (_samples.Count == 0)
        {
            return 0;
        }

        _samples.Sort();
        return _samples[Math.Min(_samples.Count - 1, (int)Math.Ceiling(p / 100 * _samples.Count) - 1)];
    }
}
