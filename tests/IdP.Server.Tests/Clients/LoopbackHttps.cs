using Microsoft.Extensions.Configuration;

namespace IdP.Server.Tests.Clients;

/// <summary>
/// Apps written against Microsoft.Identity.Web, hosted in the test on Kestrel over HTTPS (the test CA's certificate) on
/// a port the OS picks, so several can run side by side. HTTPS is not optional: the OpenID Connect handler's
/// correlation and nonce cookies are <c>Secure</c>, and a browser drops them over plain HTTP.
/// </summary>
internal static class LoopbackHttps
{
    /// <summary>A builder whose configuration is only <paramref name="settings"/>, as the app's appsettings.json would hold.</summary>
    public static WebApplicationBuilder CreateBuilder(IReadOnlyDictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });

        // The test output folder holds the IdP's own appsettings files; the app must not read them.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(TestCertificates.Server)));
        return builder;
    }

    /// <summary>The started app's address, by the host name its certificate is for.</summary>
    public static Uri BaseUrl(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var bound = new Uri(app.Urls.Single());
        return new UriBuilder(Uri.UriSchemeHttps, "localhost", bound.Port).Uri;
    }
}
