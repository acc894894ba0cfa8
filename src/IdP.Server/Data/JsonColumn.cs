using System.Text.Json;

namespace IdP.Server.Data;

/// <summary>
/// Small value lists (reply URLs, scope names) stored as one JSON text column: read and written whole with their row,
/// the same on every provider, and compared by their items (<see cref="ValueListComparer"/>).
/// </summary>
internal static class JsonColumn
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static PropertyBuilder<List<T>> HasJsonConversion<T>(this PropertyBuilder<List<T>> property)
    {
        ArgumentNullException.ThrowIfNull(property);
        return property.HasConversion(
            v => JsonSerializer.Serialize(v, Options),
            v => JsonSerializer.Deserialize<List<T>>(v, Options) ?? new List<T>(),
            ValueListComparer.For<T>());
    }
}
