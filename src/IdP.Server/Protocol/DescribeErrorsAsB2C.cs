using static OpenIddict.Server.OpenIddictServerEvents;

namespace IdP.Server.Protocol;

/// <summary>
/// Every error the authorize and token endpoints send to an app reads as B2C's: the AADB2C code where B2C has one
/// (<see cref="B2CErrorTranslation"/>), then the correlation id and timestamp B2C appends (on the same line: OAuth
/// forbids line breaks in <c>error_description</c>), which support staff match against our logs.
/// </summary>
internal sealed class DescribeErrorsAsB2C(TimeProvider time) :
    IOpenIddictServerHandler<ApplyAuthorizationResponseContext>,
    IOpenIddictServerHandler<ApplyTokenResponseContext>
{
    public static OpenIddictServerHandlerDescriptor AuthorizationDescriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyAuthorizationResponseContext>()
        .UseSingletonHandler<DescribeErrorsAsB2C>()
        .SetOrder(OpenIddictServerHandlers.Authentication.AttachRedirectUri.Descriptor.Order - 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public static OpenIddictServerHandlerDescriptor TokenDescriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyTokenResponseContext>()
        .UseSingletonHandler<DescribeErrorsAsB2C>()
        .SetOrder(int.MinValue + 50_000)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(ApplyAuthorizationResponseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Describe(context.Transaction, context.Response, tokenEndpoint: false);
        return ValueTask.CompletedTask;
    }

    public ValueTask HandleAsync(ApplyTokenResponseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Describe(context.Transaction, context.Response, tokenEndpoint: true);
        return ValueTask.CompletedTask;
    }

    private void Describe(OpenIddictServerTransaction transaction, OpenIddictResponse response, bool tokenEndpoint)
    {
        if (string.IsNullOrEmpty(response.Error))
        {
            return;
        }

        var expired = transaction.Properties.TryGetValue(B2CErrorTranslation.GrantExpiredProperty, out var flag) && flag is true;
        var description = B2CErrorTranslation.Translate(tokenEndpoint, response.Error, response.ErrorDescription, response.ErrorUri, expired, transaction.Request);
        if (description?.Contains(" Correlation ID: ", StringComparison.Ordinal) != true && transaction.GetHttpRequest()?.HttpContext is { } http)
        {
            description = WithCorrelation(description, http, time);
        }

        response.ErrorDescription = description;

        // B2C sends no error_uri; OpenIddict's points at its own documentation, which means nothing to a B2C app.
        response.ErrorUri = null;
    }

    /// <summary>A description followed by the request's correlation id and the time, as B2C ends its descriptions.</summary>
    public static string WithCorrelation(string? description, HttpContext http, TimeProvider time)
    {
        var timestamp = time.UtcNow().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return $"{description} Correlation ID: {ErrorPage.CorrelationId(http)} Timestamp: {timestamp}".TrimStart();
    }
}
