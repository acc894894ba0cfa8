using IdP.Core.Claims;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace IdP.Server.Protocol;

/// <summary>Adds B2C's <c>client_info</c> to authorize and token responses for users when the client asks for it.</summary>
internal sealed class AttachClientInfo : IOpenIddictServerHandler<ProcessSignInContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
        .UseSingletonHandler<AttachClientInfo>()
        .SetOrder(OpenIddictServerHandlers.AttachCustomSignInParameters.Descriptor.Order - 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(ProcessSignInContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!string.Equals(context.Request?.GetParameter(ClientInfo.Parameter)?.ToString(), "1", StringComparison.Ordinal)
            || context.Transaction.GetHttpRequest()?.HttpContext.GetPolicyRequest() is not { } policy
            || !Guid.TryParse(context.Principal?.GetClaim(TokenPrincipalFactory.AccountClaim), out var account))
        {
            // App-only tokens (client credentials) have no user and so no client_info.
            return ValueTask.CompletedTask;
        }

        context.Parameters[ClientInfo.Parameter] = ClientInfo.Encode(account, policy.Flow.Name, policy.Tenant.Id);
        return ValueTask.CompletedTask;
    }
}
