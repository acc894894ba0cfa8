using System.Diagnostics.Metrics;
using IdP.Core.Telemetry;

namespace IdP.Server.Tests.Telemetry;

/// <summary>
/// Listens to the <see cref="IdPMetrics"/> counters of one server (its meter factory is the meter's scope, so servers of
/// other test classes running alongside are not counted) and sums each counter by its tag value.
/// </summary>
public sealed class CounterRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Counter, string Tag), long> _sums = new();

    public CounterRecorder(IdPFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var meterFactory = factory.Services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == IdPMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, meterFactory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var tag = "";
            foreach (var pair in tags)
            {
                tag = pair.Value?.ToString() ?? "";
            }

            _sums.AddOrUpdate((instrument.Name, tag), value, (_, sum) => sum + value);
        });
        _listener.Start();
    }

    /// <summary>The sum of <paramref name="counter"/> for one tag value so far.</summary>
    public long this[string counter, string tag] => _sums.TryGetValue((counter, tag), out var sum) ? sum : 0;

    /// <summary>Waits (up to 30 s) for a counter moved by a background worker.</summary>
    public async Task<long> WaitForAsync(string counter, string tag, long atLeast)
    {
        for (var i = 0; i < 300 && this[counter, tag] < atLeast; i++)
        {
            await Task.Delay(100);
        }

        return this[counter, tag];
    }

    public void Dispose() => _listener.Dispose();
}
