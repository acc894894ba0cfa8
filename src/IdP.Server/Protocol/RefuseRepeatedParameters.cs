using static OpenIddict.Server.OpenIddictServerEvents;

namespace IdP.Server.Protocol;

/// <summary>
/// A parameter given more than once (RFC 6749 §3.1: parameters "MUST NOT be included more than once") is refused as
/// invalid_request naming it, before anything else is checked. OpenIddict reads a repeated parameter as an array, which
/// its checks then take for a missing value ("The mandatory 'client_id' parameter is missing", "The redirect URI '' …
/// is not registered"), pointing the developer at the wrong problem. <c>resource</c> and <c>audience</c> may repeat
/// (RFC 8707, RFC 8693).
/// </summary>
internal sealed class RefuseRepeatedParameters :
    IOpenIddictServerHandler<ValidateAuthorizationRequestContext>,
    IOpenIddictServerHandler<ValidateTokenRequestContext>,
    IOpenIddictServerHandler<ValidateEndSessionRequestContext>
{
    // Ahead of OpenIddict's first validation handlers (int.MinValue + 100,000).
    private const int Order = int.MinValue + 50_000;

    private static readonly HashSet<string> MayRepeat = new(StringComparer.Ordinal) { Parameters.Resource, Parameters.Audience };

    public static OpenIddictServerHandlerDescriptor AuthorizationDescriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateAuthorizationRequestContext>()
        .UseSingletonHandler<RefuseRepeatedParameters>()
        .SetOrder(Order)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public static OpenIddictServerHandlerDescriptor TokenDescriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenRequestContext>()
        .UseSingletonHandler<RefuseRepeatedParameters>()
        .SetOrder(Order)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public static OpenIddictServerHandlerDescriptor EndSessionDescriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateEndSessionRequestContext>()
        .UseSingletonHandler<RefuseRepeatedParameters>()
        .SetOrder(Order)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(ValidateAuthorizationRequestContext context) => Check(context);

    public ValueTask HandleAsync(ValidateTokenRequestContext context) => Check(context);

    public ValueTask HandleAsync(ValidateEndSessionRequestContext context) => Check(context);

    private static ValueTask Check(BaseValidatingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Transaction.Request is { } request && Repeated(request) is { } name)
        {
            context.Reject(Errors.InvalidRequest, $"The '{name}' parameter is given more than once.");
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>True when the request carries <paramref name="name"/> more than once.</summary>
    public static bool IsRepeated(OpenIddictRequest request, string name) =>
        request.GetParameter(name) is { } value && IsRepeated(value);

    private static string? Repeated(OpenIddictRequest request)
    {
        foreach (var (name, value) in request.GetParameters())
        {
            if (!MayRepeat.Contains(name) && IsRepeated(value))
            {
                return name;
            }
        }

        return null;
    }

    // Form and query values read as one string, or as an array when the parameter came more than once.
    private static bool IsRepeated(OpenIddictParameter value) => value.GetRawValue() is ImmutableArray<string?> { Length: > 1 };
}
