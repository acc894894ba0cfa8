using Microsoft.Identity.Web;

namespace IdP.Server.Tests.Clients;

/// <summary>
/// Makes the back channels of a Microsoft.Identity.Web app trust the test CA, the only change the tests make to how
/// the docs configure one. The authentication handlers' own back channel is set per scheme by the hosts; this covers
/// the issuer validator, which fetches the flow's discovery document a second time with an HTTP client of its own.
/// </summary>
internal static class IdentityWebCaTrust
{
    private const string IssuerValidatorClient = "idp-metadata";

    public static IServiceCollection TrustTestCaForIssuerValidation(this IServiceCollection services)
    {
        services.AddHttpClient(IssuerValidatorClient).ConfigurePrimaryHttpMessageHandler(TestCertificates.CreateTrustingHandler);
        services.Configure<AadIssuerValidatorOptions>(options => options.HttpClientName = IssuerValidatorClient);
        return services;
    }
}
