using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace IdP.Server.Admin.Portal;

/// <summary>
/// Points ASP.NET Core's OpenID Connect handler at the portal's sign-in flow on the host the browser used: the
/// authorize endpoint on that origin, the code redeemed at the server's own token endpoint over a direct connection
/// (<see cref="OwnTokenEndpoint"/>, never an address from the request), the issuer checked against the flow's issuer on
/// that origin. Failed sign-ins (a refused or broken callback, an account without the role) are logged and counted per
/// client address against the admin-authentication limit (<see cref="AdminAuthenticationLimit"/>, counted in the
/// database, so every node and a restarted one share the count), which stops new attempts for a while after too many.
/// </summary>
internal sealed partial class PortalSignInEvents(
    TenantService tenants,
    UserFlowService flows,
    OwnTokenEndpoint ownEndpoint,
    Core.Administration.Administrators administrators,
    UserManager<Account> users,
    IOptions<PortalOptions> options,
    IStringLocalizer<PortalText> text,
    IStringLocalizer<ErrorText> errors,
    ILogger<PortalSignInEvents> logger) : OpenIdConnectEvents
{
    /// <summary>What the portal calls itself when it redeems a code.</summary>
    public const string UserAgent = "IdP-AdminPortal";

    public override async Task RedirectToIdentityProvider(RedirectContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await RefuseWhenThrottledAsync(context.HttpContext))
        {
            context.HandleResponse();
            return;
        }

        if (await FlowAsync(context.HttpContext) is not { } flow)
        {
            context.HandleResponse();
            await ErrorPage.Result(ErrorPage.Model(context.HttpContext, errors["GenericTitle"], text["NoSignInFlow", options.Value.Policy]), StatusCodes.Status503ServiceUnavailable)
                .ExecuteAsync(context.HttpContext);
            return;
        }

        context.ProtocolMessage.IssuerAddress = PolicyRequest.PublicEndpoint(context.Request.Origin(), flow.TenantSegment, flow.Policy, PolicyEndpoint.Authorize).AbsoluteUri;
    }

    public override async Task MessageReceived(MessageReceivedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await RefuseWhenThrottledAsync(context.HttpContext))
        {
            context.HandleResponse();
        }
    }

    public override async Task AuthorizationCodeReceived(AuthorizationCodeReceivedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.TokenEndpointRequest is not { } request || await FlowAsync(context.HttpContext) is not { } flow)
        {
            context.Fail("The portal's sign-in flow is not available.");
            return;
        }

        var form = request.Parameters.Where(p => p.Value is not null).Select(p => new KeyValuePair<string, string>(p.Key, p.Value));
        var reply = await ownEndpoint.PostAsync(context.Request, flow.TenantSegment, flow.Policy, form, UserAgent, context.HttpContext.RequestAborted);
        if (reply is OwnTokenReply.Answered { StatusCode: StatusCodes.Status200OK } answered)
        {
            context.HandleCodeRedemption(new OpenIdConnectMessage(Encoding.UTF8.GetString(answered.Body)));
            return;
        }

        context.Fail(reply switch
        {
            OwnTokenReply.Answered refused => $"The token endpoint refused the code ({refused.StatusCode}).",
            OwnTokenReply.NoAddress noAddress => $"The server listens on no {noAddress.Scheme} address to redeem the code at.",
            OwnTokenReply.Unreachable unreachable => $"The server's own token endpoint did not answer ({unreachable.Exception.GetType().Name}).",
            _ => "Unexpected reply.",
        });
    }

    public override async Task TokenValidated(TokenValidatedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var principal = context.Principal;
        if (principal is null || await FlowAsync(context.HttpContext) is not { } flow)
        {
            context.Fail("No principal.");
            return;
        }

        // The issuer depends on the host (and the flow's issuer setting), so it is checked here rather than in the
        // handler's static validation parameters.
        var expected = flow.Flow.IssuerAt(context.Request.Origin(), flow.TenantId).AbsoluteUri;
        if (!string.Equals(principal.FindFirst("iss")?.Value, expected, StringComparison.Ordinal))
        {
            context.Fail("The ID token's issuer is not the portal's sign-in flow on this host.");
            return;
        }

        if (!Guid.TryParse(principal.FindFirst("sub")?.Value, out var accountId))
        {
            context.Fail("The ID token names no account (sub).");
            return;
        }

        // The stamp the session stands on (PortalSessionCheck): a password change from here on ends it. The ID token
        // carries none, and the token endpoint has just checked the code's stamp, so the current one is that stamp.
        if (await users.FindByIdAsync(accountId.ToString()) is not { } account)
        {
            context.Fail("The ID token's account no longer exists.");
            return;
        }

        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(PortalSessionCheck.StampClaim, account.SecurityStamp ?? ""));

        // Kept signed in either way, so the 403 page can say who is signed in; AdministratorHandler decides per request.
        if (!await administrators.IsAdministratorAsync(accountId, context.HttpContext.RequestAborted))
        {
            Log.NotAnAdministrator(logger, accountId, context.HttpContext.Connection.RemoteIpAddress?.ToString());
            await AdminAuthenticationLimit.FailedAsync(context.HttpContext, AdminCheck.PortalSignIn);
            return;
        }

        Log.AdministratorSignedIn(logger, accountId);
        AdminAuthenticationLimit.Succeeded(context.HttpContext, AdminCheck.PortalSignIn);
    }

    public override async Task RemoteFailure(RemoteFailureContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Log.SignInFailed(logger, context.Failure?.Message ?? "unknown", context.HttpContext.Connection.RemoteIpAddress?.ToString());
        await AdminAuthenticationLimit.FailedAsync(context.HttpContext, AdminCheck.PortalSignIn);
        context.HandleResponse();
        await ErrorPage.Result(ErrorPage.Model(context.HttpContext, text["SignInFailedTitle"], text["SignInFailedMessage"]), StatusCodes.Status400BadRequest)
            .ExecuteAsync(context.HttpContext);
    }

    /// <summary>
    /// The portal signs out through the flow's logout endpoint itself (<see cref="SignOutModel"/>) and never asks the
    /// handler to, so an answer at the signed-out callback carries no state of ours (none, or forged). The handler would
    /// answer it with an empty 200; it gets the error page, and nothing is signed out or in.
    /// </summary>
    public override async Task SignedOutCallbackRedirect(RemoteSignOutContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrEmpty(context.Properties?.RedirectUri))
        {
            await RefuseSignOutMessageAsync(context);
        }
    }

    /// <summary>
    /// The server sends no front-channel sign-out, so a request at the remote sign-out path comes from elsewhere: a GET
    /// any site can make the browser send, which must not end the session (the handler would, given the issuer) nor
    /// answer with an empty 200.
    /// </summary>
    public override Task RemoteSignOut(RemoteSignOutContext context) => RefuseSignOutMessageAsync(context);

    private async Task RefuseSignOutMessageAsync(RemoteSignOutContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.HandleResponse();
        await ErrorPage.Result(ErrorPage.Model(context.HttpContext, errors["BadRequestTitle"], text["SignOutMessageUnasked"]), StatusCodes.Status400BadRequest)
            .ExecuteAsync(context.HttpContext);
    }

    private async Task<bool> RefuseWhenThrottledAsync(HttpContext http)
    {
        if (await AdminAuthenticationLimit.BeforeCheckAsync(http, AdminCheck.PortalSignIn) is not { } throttled)
        {
            return false;
        }

        Log.SignInThrottled(logger, http.Connection.RemoteIpAddress?.ToString());
        http.Response.MarkThrottled(throttled);
        await ErrorPage.Result(ErrorPage.Model(http, text["ThrottledTitle"], text["ThrottledMessage"]), StatusCodes.Status429TooManyRequests).ExecuteAsync(http);
        return true;
    }

    private async Task<PortalFlow?> FlowAsync(HttpContext http)
    {
        var ct = http.RequestAborted;
        var tenant = await tenants.GetAsync(ct);
        var flow = await flows.FindAsync(options.Value.Policy, ct);
        return tenant is null || flow is null || flow.Type != UserFlowType.SignIn ? null : new PortalFlow(tenant.Domain, flow.Name, tenant.Id, flow);
    }

    private sealed record PortalFlow(string TenantSegment, string Policy, Guid TenantId, UserFlow Flow);

    private static partial class Log
    {
        [LoggerMessage(6402, LogLevel.Information, "Administrator {AccountId} signed in to the admin portal.")]
        public static partial void AdministratorSignedIn(ILogger logger, Guid accountId);

        [LoggerMessage(6403, LogLevel.Warning, "Account {AccountId} signed in to the admin portal from {Address} without the administrator role; refused.")]
        public static partial void NotAnAdministrator(ILogger logger, Guid accountId, string? address);

        [LoggerMessage(6404, LogLevel.Warning, "A sign-in to the admin portal from {Address} failed: {Reason}")]
        public static partial void SignInFailed(ILogger logger, string reason, string? address);

        [LoggerMessage(6405, LogLevel.Warning, "Admin portal sign-ins from {Address} are throttled after repeated failures.")]
        public static partial void SignInThrottled(ILogger logger, string? address);
    }
}
