using System.Text.Json.Serialization;

namespace IdP.Core.Administration;

/// <summary>
/// How administrative documents are read and written (the admin API, and files the CLI imports): camelCase names, enums
/// by name only (an unknown name or a number is an error, not a silent default), nulls refused where a value is required.
/// </summary>
public static class AdminJson
{
    /// <summary>The shared options (read-only once first used).</summary>
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Applies the admin API's JSON rules to <paramref name="options"/>.</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
        options.RespectNullableAnnotations = true;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.MaxDepth = 32;
        return options;
    }

    /// <summary>A field name from a <see cref="JsonException.Path"/> (<c>$.apiScopes[0].name</c> → <c>apiScopes[0].name</c>).</summary>
    public static string FieldOf(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var path = exception.Path ?? "";
        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path == "$" ? "" : path.TrimStart('$');
    }

    /// <summary>What is wrong with a document that could not be read, without echoing it.</summary>
    public static string Describe(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var field = FieldOf(exception);
        return exception.InnerException is InvalidOperationException || exception.Message.Contains("could not be converted", StringComparison.Ordinal)
            ? field.Length == 0 ? AdminText.JsonWrongType : AdminText.JsonFieldWrongType(field)
            : exception.Message.Contains("null", StringComparison.OrdinalIgnoreCase) && field.Length > 0
                ? AdminText.JsonFieldNull(field)
                : exception.LineNumber is { } line ? AdminText.JsonInvalidAt(line + 1, exception.BytePositionInLine) : AdminText.JsonInvalid;
    }
}
