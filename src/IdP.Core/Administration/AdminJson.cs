using System.Text.Json.Serialization;

namespace IdP.Core.Administration;

/// <summary>
/// How administrative documents are read and written (the admin API, and files the CLI imports): camelCase names, enums
/// by name only (an unknown name or a number is an error, not a silent default), a field the document does not have refused
/// with its name (not silently dropped), nulls refused where a value is required,
/// and text without control characters other than tab, CR and LF (the rule query strings and forms follow at the door;
/// PostgreSQL cannot store NUL in text at all).
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
        options.Converters.Add(new PlainTextConverter());
        options.RespectNullableAnnotations = true;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.MaxDepth = 32;

        // A misspelt field (singleSignOnConfigration) is refused with its name, instead of being dropped while the
        // request succeeds without the change the operator meant.
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
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
        if (exception is ControlCharacterException)
        {
            return AdminText.JsonFieldControlCharacter(field);
        }

        if (exception is InvalidUnicodeException)
        {
            return AdminText.JsonFieldInvalidUnicode(field);
        }

        if (exception.Message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            return AdminText.JsonFieldUnknown(field);
        }

        return exception.InnerException is InvalidOperationException || exception.Message.Contains("could not be converted", StringComparison.Ordinal)
            ? field.Length == 0 ? AdminText.JsonWrongType : AdminText.JsonFieldWrongType(field)
            : exception.Message.Contains("null", StringComparison.OrdinalIgnoreCase) && field.Length > 0
                ? AdminText.JsonFieldNull(field)
                : exception.LineNumber is { } line ? AdminText.JsonInvalidAt(line + 1, exception.BytePositionInLine) : AdminText.JsonInvalid;
    }
}

/// <summary>Reads every string of an administrative document, refusing control characters other than tab, CR and LF.</summary>
internal sealed class PlainTextConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Checked(Text(ref reader));

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }

    // Dictionary keys (string overrides by key) are text too. Writing them is left to the built-in converter, which
    // applies the dictionary key policy.
    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Checked(Text(ref reader))!;

    // A string token that cannot become a .NET string holds an escaped lone surrogate ("\ud800"): valid JSON, but not
    // Unicode text. GetString throws the same InvalidOperationException for a token that is not a string at all (a
    // number where text belongs), which stays "wrong type".
    private static string? Text(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName))
        {
            return reader.GetString();
        }

        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            throw new InvalidUnicodeException();
        }
    }

    private static string? Checked(string? text) =>
        text is not null && text.Any(c => char.IsControl(c) && c is not ('\t' or '\r' or '\n')) ? throw new ControlCharacterException() : text;
}

/// <summary>A string of a document held a control character (<see cref="AdminJson.Describe"/> names the field).</summary>
internal sealed class ControlCharacterException : JsonException
{
    public ControlCharacterException()
        : base("The text contains a control character.")
    {
    }
}

/// <summary>A string of a document was not valid Unicode (<see cref="AdminJson.Describe"/> names the field).</summary>
internal sealed class InvalidUnicodeException : JsonException
{
    public InvalidUnicodeException()
        : base("The text is not valid Unicode.")
    {
    }
}
