using IdP.Server.Admin;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace IdP.Server.Limits;

/// <summary>
/// The token endpoint's abuse limits, as OpenIddict handlers: every request counts against
/// <see cref="AbuseLimit.TokenRequests"/>, and an admin client's secret is checked only while the client has not used
/// up <see cref="AbuseLimit.AdminAuthentication"/> with failures (each refused admin secret counts and is logged). A
/// refused request gets an OAuth error (<c>temporarily_unavailable</c>, B2C's AADB2C90229) with 429 and <c>Retry-After</c>.
/// </summary>
internal sealed class LimitTokenRequests(IOptions<AdminOptions> admin) :
    IOpenIddictServerHandler<ValidateTokenRequestContext>,
    IOpenIddictServerHandler<ApplyTokenResponseContext>
{
    private const string ThrottledProperty = "IdP.Throttled";

    /// <summary>First of all validation: a refused request costs no client or grant lookup.</summary>
    public static OpenIddictServerHandlerDescriptor ValidateDescriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenRequestContext>()
        .UseScopedHandler<LimitTokenRequests>()
        .SetOrder(int.MinValue + 10_000)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    /// <summary>After OpenIddict chose the status code (400 for the error), before it writes the body.</summary>
    public static OpenIddictServerHandlerDescriptor ApplyDescriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyTokenResponseContext>()
        .UseScopedHandler<LimitTokenRequests>()
        .SetOrder(OpenIddictServerAspNetCoreHandlers.AttachHttpResponseCode<ApplyTokenResponseContext>.Descriptor.Order + 500)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Transaction.GetHttpRequest()?.HttpContext is not { } http)
        {
            return;
        }

        var throttled = await http.HitLimitAsync(AbuseLimit.TokenRequests) as LimitDecision.Throttled;
        if (throttled is null && IsAdminClient(context.Request))
        {
            throttled = await AdminAuthenticationLimit.BeforeCheckAsync(http, AdminCheck.ClientSecret);
        }

        if (throttled is not null)
        {
            context.Transaction.SetProperty(ThrottledProperty, throttled);
            context.Reject(OpenIddictConstants.Errors.TemporarilyUnavailable, B2CErrorCodes.ThrottledDescription);
        }
    }

    public async ValueTask HandleAsync(ApplyTokenResponseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Transaction.GetHttpRequest()?.HttpContext is not { } http)
        {
            return;
        }

        if (context.Transaction.GetProperty<LimitDecision.Throttled>(ThrottledProperty) is { } throttled)
        {
            http.Response.MarkThrottled(throttled);
            return;
        }

        if (!IsAdminClient(context.Request))
        {
            return;
        }

        if (context.Response.Error == OpenIddictConstants.Errors.InvalidClient)
        {
            await AdminAuthenticationLimit.FailedAsync(http, AdminCheck.ClientSecret);
        }
        else if (string.IsNullOrEmpty(context.Response.Error))
        {
            AdminAuthenticationLimit.Succeeded(http, AdminCheck.ClientSecret);
        }
    }

    /// <summary>The configured admin client, or any client asking for the admin API's scope.</summary>
    private bool IsAdminClient(OpenIddictRequest? request) =>
        request is not null
        && ((admin.Value.ClientId is { Length: > 0 } adminClient && string.Equals(request.ClientId, adminClient, StringComparison.Ordinal))
            || request.GetScopes().Contains(ServerApi.AdminScope));
}
