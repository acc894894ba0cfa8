using System.Net.Http.Headers;
using System.Text;
using IdP.Server.Tests.Infrastructure;

namespace IdP.Server.Tests.Admin;

/// <summary>The operator's credentials the admin suites configure, and the header that carries them.</summary>
internal static class TestAdmin
{
    public const string UserName = "operator";
    public const string Password = "Op3rator-Secret-Pa55";

    /// <summary>A production server with the credentials; HTTPS required by the server itself or not (TLS at a proxy).</summary>
    public static void Configure(IdPFactory factory, bool requireHttps) => factory
        .With("environment", "Production")
        .With("IdP:Server:RequireHttps", requireHttps ? "true" : "false")
        .With("IdP:Admin:UserName", UserName)
        .With("IdP:Admin:Password", Password);

    public static AuthenticationHeaderValue Basic(string userName, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{userName}:{password}")));
}
