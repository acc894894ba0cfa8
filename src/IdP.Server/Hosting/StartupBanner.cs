using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace IdP.Server.Hosting;

/// <summary>Prints where the server is and how to try it, once it listens.</summary>
internal static partial class StartupBanner
{
    public static void Print(WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("IdP");
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null)
        {
            return;
        }

        address = address.Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal).TrimEnd('/');
        var tenant = app.Services.GetRequiredService<IOptions<TenantOptions>>().Value;
        var demo = app.Services.GetRequiredService<IOptions<DemoOptions>>().Value;
        var policy = IdPInitializer.DefaultFlowName;
        Discovery(logger, PolicyRequest.PublicEndpoint(address, tenant.Domain, policy, PolicyEndpoint.Configuration).ToString());
        if (app.Services.GetRequiredService<IOptions<IdP.Core.RunNow.RunNowOptions>>().Value.Enabled)
        {
            RunNow(logger, IdP.Server.RunNow.RunNowApplication.StartUri(address, tenant.Name, policy));
        }

        if (demo.Enabled)
        {
            var authorize = PolicyRequest.PublicEndpoint(address, tenant.Domain, policy, PolicyEndpoint.Authorize);
            var signIn = $"{authorize}?client_id={Uri.EscapeDataString(demo.ClientId)}&redirect_uri={Uri.EscapeDataString(demo.EffectiveRedirectUris[0])}&response_type=id_token&scope=openid&nonce=defaultNonce&prompt=login";
            SignIn(logger, signIn);
        }
    }

    [LoggerMessage(3101, LogLevel.Information, "Discovery: {Url}")]
    private static partial void Discovery(ILogger logger, string url);

    [LoggerMessage(3102, LogLevel.Information, "Sign in (demo app): {Url}")]
    private static partial void SignIn(ILogger logger, string url);

    [LoggerMessage(3103, LogLevel.Information, "Run now (sign in and see the token): {Url}")]
    private static partial void RunNow(ILogger logger, string url);
}
