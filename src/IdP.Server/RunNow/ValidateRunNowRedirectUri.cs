using IdP.Core.Contract;
using IdP.Core.RunNow;
using IdP.Server.Protocol;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Server.OpenIddictServerEvents;
using static OpenIddict.Server.OpenIddictServerHandlers.Authentication;

namespace IdP.Server.RunNow;

/// <summary>
/// Stands in for OpenIddict's <see cref="ValidateClientRedirectUri"/>. Every application keeps OpenIddict's exact
/// match against its registered reply URLs (the built-in handler runs unchanged). The one exception is the built-in
/// Run now application, whose only reply URL is "the viewer on the origin of this very authorize request":
/// <c>{scheme://host/pathbase of this request}/{tenant segment}/run-now/result</c>, compared exactly.
/// </summary>
/// <remarks>
/// Why this is safe although the host comes from the request: the viewer must work on every host the server answers
/// (localhost, a custom domain), and registering hosts from Host headers would let anyone add reply URLs. Instead
/// nothing is registered, and a response may only go back to the very origin that served the sign-in page. A browser
/// sends the Host of the URL it opened, so an attacker-chosen host can only receive tokens if the victim signed in on
/// that host, which is phishing they can already do with a page of their own; SSO cookies are per host and do not
/// follow. Tokens are issued to this client only, so no other app or API accepts its ID tokens. Restrict the hosts
/// the server answers with AllowedHosts (and forwarded headers to trusted proxies) as for any other endpoint.
/// </remarks>
internal sealed class ValidateRunNowRedirectUri(IOpenIddictApplicationManager applications, IOptionsMonitor<RunNowOptions> options)
    : IOpenIddictServerHandler<ValidateAuthorizationRequestContext>, IRedirectUriRule
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateAuthorizationRequestContext>()
        .AddFilter<OpenIddictServerHandlerFilters.RequireDegradedModeDisabled>()
        .UseScopedHandler<ValidateRunNowRedirectUri>()
        .SetOrder(ValidateClientRedirectUri.Descriptor.Order)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ValidateAuthorizationRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!options.CurrentValue.Enabled || !string.Equals(context.ClientId, RunNowApplication.ClientId, StringComparison.Ordinal))
        {
            await new ValidateClientRedirectUri(applications).HandleAsync(context);
            return;
        }

        var http = context.Transaction.GetHttpRequest()?.HttpContext;
        if (http is null || context.RedirectUri is null || !Accepts(http, RunNowApplication.ClientId, context.RedirectUri))
        {
            context.Reject(OpenIddictConstants.Errors.InvalidRequest, B2CErrorCodes.RedirectUriNotRegisteredDescription(context.RedirectUri, context.ClientId));
        }
    }

    /// <summary>The same rule for our own decisions (which errors go back to the app): see <see cref="RedirectUriTrust"/>.</summary>
    public bool Accepts(HttpContext http, string clientId, string redirectUri)
    {
        if (!options.CurrentValue.Enabled || !string.Equals(clientId, RunNowApplication.ClientId, StringComparison.Ordinal))
        {
            return false;
        }

        var policy = http.GetPolicyRequest();
        return policy is not null && string.Equals(redirectUri, RunNowApplication.ViewerUri(policy.Origin, policy.TenantSegment), StringComparison.Ordinal);
    }
}
