using System.Reflection;
using System.Text.Json;

namespace IdP.Server.Admin.Api;

/// <summary>
/// A JSON request body of the admin API, read by us rather than by the framework's binder so that every bad body is a
/// 400 problem naming what is wrong: not JSON, a value of the wrong type or an unknown option (with its field), null,
/// or larger than <see cref="BodyLimit"/>. The API's filter (<see cref="JsonBodyProblems"/>) answers with
/// <see cref="Problem"/> when it is set, so an endpoint only runs with a <see cref="Value"/>.
/// </summary>
public sealed class JsonBody<T> : IJsonBody, IBindableFromHttpContext<JsonBody<T>>
    where T : class
{
    private readonly T? _value;

    private JsonBody(T? value, ValidationProblem? problem)
    {
        _value = value;
        Problem = problem;
    }

    /// <summary>The document (the endpoint runs only when it could be read).</summary>
    public T Value => _value ?? throw new InvalidOperationException($"The body could not be read: {nameof(JsonBodyProblems)} answers before the endpoint runs.");

    /// <inheritdoc/>
    public ValidationProblem? Problem { get; }

#pragma warning disable CA1000 // IBindableFromHttpContext is a static abstract member: the framework calls it on the generic type.
    public static async ValueTask<JsonBody<T>?> BindAsync(HttpContext context, ParameterInfo parameter)
#pragma warning restore CA1000
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.ContentLength is 0 or null && !context.Request.HasJsonContentType()
            && context.GetEndpoint()?.Metadata.GetMetadata<OptionalBody>() is not null && (await RequestBody.ReadAsync(context, 0))?.Length == 0)
        {
            // An endpoint whose every field has a default (a new secret) may be called without a body.
            return new JsonBody<T>(Activator.CreateInstance<T>(), null);
        }

        if (!context.Request.HasJsonContentType())
        {
            return Refuse("", "Send the body as JSON (Content-Type: application/json).");
        }

        var limit = BodyLimit.Of(context);
        var read = await RequestBody.ReadAsync(context, limit);
        if (read is null)
        {
            return Refuse("", $"The body is larger than {limit} bytes.");
        }

        try
        {
            return JsonSerializer.Deserialize<T>(read, AdminJson.Options) is { } value
                ? new JsonBody<T>(value, null)
                : Refuse("", "The body must be a JSON object, not null.");
        }
        catch (JsonException exception)
        {
            return Refuse(AdminJson.FieldOf(exception), AdminJson.Describe(exception));
        }
    }

    private static JsonBody<T> Refuse(string field, string message) =>
        new(null, AdminProblems.Validation([new FieldError(field, message)]));
}

/// <summary>A request body that may not have been readable.</summary>
internal interface IJsonBody
{
    /// <summary>Why it could not be read, as the response to send; null when it was read.</summary>
    ValidationProblem? Problem { get; }
}

/// <summary>
/// The admin API's endpoint filter for <see cref="JsonBody{T}"/> arguments: a body that could not be read is answered
/// with its problem (400) and the endpoint does not run.
/// </summary>
internal static class JsonBodyProblems
{
    public static ValueTask<object?> AnswerAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        foreach (var argument in context.Arguments)
        {
            if (argument is IJsonBody { Problem: { } problem })
            {
                return ValueTask.FromResult<object?>(problem);
            }
        }

        return next(context);
    }
}

/// <summary>The largest body an admin API endpoint reads (1 MB unless the endpoint says otherwise).</summary>
public sealed record BodyLimit(int Bytes)
{
    public const int Default = 1024 * 1024;

    public static int Of(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<BodyLimit>()?.Bytes ?? Default;
}

/// <summary>Marks an endpoint that may be called without a body (every field of its document has a default).</summary>
public sealed record OptionalBody;

/// <summary>Reads a request body up to a limit.</summary>
internal static class RequestBody
{
    /// <summary>The body's bytes, or null when it is longer than <paramref name="limit"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpContext context, int limit)
    {
        if (context.Request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int count;
        while ((count = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + count > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, count);
        }

        return buffer.ToArray();
    }
}
