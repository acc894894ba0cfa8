namespace IdP.Core.Time;

/// <summary>Helpers over <see cref="TimeProvider"/>, which every rule uses so tests can move time instead of sleeping.</summary>
public static class Clock
{
    /// <summary>The current UTC time, truncated to microseconds so values round-trip through every database we support.</summary>
    public static DateTimeOffset UtcNow(this TimeProvider time)
    {
        var now = time.GetUtcNow();
        return new DateTimeOffset(now.Ticks - (now.Ticks % 10), TimeSpan.Zero);
    }
}
