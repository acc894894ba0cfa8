using static OpenIddict.Server.OpenIddictServerEvents;

namespace IdP.Server.Protocol;

/// <summary>
/// A token response with OpenIddict's <c>temporarily_unavailable</c> (the database failed under the request, see
/// <see cref="TokenEndpointFailure"/>) is a 503 with <c>Retry-After</c>, as the outage's error page is: OpenIddict would
/// send 400, which tells HTTP clients and load balancers the request was wrong and not to retry it.
/// </summary>
internal sealed class AnswerUnavailableWith503 : IOpenIddictServerHandler<ApplyTokenResponseContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyTokenResponseContext>()
        .UseSingletonHandler<AnswerUnavailableWith503>()
        .SetOrder(OpenIddictServerAspNetCoreHandlers.AttachHttpResponseCode<ApplyTokenResponseContext>.Descriptor.Order + 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(ApplyTokenResponseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Response.Error == Errors.TemporarilyUnavailable && context.Transaction.GetHttpRequest()?.HttpContext.Response is { } response)
        {
            response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            AskToRetryLater(response);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Asks the client to wait as long as the outage's error page asks browsers to.</summary>
    public static void AskToRetryLater(HttpResponse response) =>
        response.Headers.RetryAfter = ExceptionPage.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
}
