using IdP.Core.Audit;
using IdP.Server.ErrorPages;
using IdP.Server.SignIn;
using Microsoft.Extensions.Localization;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;

namespace IdP.Server.Protocol;

/// <summary>
/// Ends the SSO session. With a registered <c>post_logout_redirect_uri</c>, OpenIddict sends the browser back there
/// with <c>state</c>; without one, the user sees a signed-out page.
/// </summary>
internal static class LogoutEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext http, AuditLog audit, IStringLocalizer<ErrorText> text)
    {
        var policy = http.GetPolicyRequest();
        var request = http.GetOpenIddictServerRequest();
        if (policy is null || request is null)
        {
            return PolicyEndpointFallback.NotFound(http, text);
        }

        if (http.GetOpenIddictServerResponse() is { Error: { } error } response)
        {
            return ErrorPage.Result(ErrorPage.Model(http, text["BadRequestTitle"], response.ErrorDescription ?? error), StatusCodes.Status400BadRequest);
        }

        await SsoSession.SignOutAsync(http);
        await audit.RecordAsync(AuditEventTypes.SignOut, policy: policy.Flow.Name, clientId: request.ClientId, cancellationToken: http.RequestAborted);

        if (!string.IsNullOrEmpty(request.PostLogoutRedirectUri))
        {
            return Results.SignOut(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        return ErrorPage.Result(ErrorPage.Model(http, text["SignedOutTitle"], text["SignedOutMessage"]), StatusCodes.Status200OK);
    }
}
