using Microsoft.Identity.Client;

namespace IdP.Server.Tests.Clients;

/// <summary>
/// MSAL's HTTP plug-in point, used here only so MSAL trusts the test CA without the machine trust store. MSAL asks for
/// a client on every request and expects the same one back (it keeps no pool of its own).
/// </summary>
internal sealed class CaTrustingMsalHttpClientFactory : IMsalHttpClientFactory, IDisposable
{
    private readonly HttpClient _client = new(TestCertificates.CreateTrustingHandler());

    public HttpClient GetHttpClient() => _client;

    public void Dispose() => _client.Dispose();
}
