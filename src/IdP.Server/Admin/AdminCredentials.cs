using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using IdP.Server.Hosting;
using Microsoft.Extensions.Options;

namespace IdP.Server.Admin;

/// <summary>Who may open an admin page: HTTP Basic with the configured credentials, or anyone in Development when none are set.</summary>
public sealed class AdminCredentials(IOptions<AdminOptions> options, IOptions<ServerOptions> server, IHostEnvironment environment)
{
    /// <summary>The realm named in the Basic challenge.</summary>
    public const string Realm = "IdP admin";

    public AdminAccess Check(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.Value;
        if (!settings.IsConfigured)
        {
            // No credentials: a developer's machine only. Elsewhere the page does not exist, rather than being open.
            return environment.IsDevelopment() ? AdminAccess.Allowed : AdminAccess.Hidden;
        }

        if (server.Value.RequireHttps && !request.IsHttps)
        {
            return AdminAccess.HttpsRequired;
        }

        return TryReadBasic(request, out var userName, out var password)
            & Matches(userName, settings.UserName!) & Matches(password, settings.Password!)
            ? AdminAccess.Allowed
            : AdminAccess.Challenge;
    }

    /// <summary>The <c>WWW-Authenticate</c> value that asks a browser for the credentials.</summary>
    public static string Challenge => $"Basic realm=\"{Realm}\", charset=\"UTF-8\"";

    private static bool TryReadBasic(HttpRequest request, out string userName, out string password)
    {
        userName = password = "";
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is not { Length: > 0 and < 4096 } encoded)
        {
            return false;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                return false;
            }

            userName = decoded[..colon];
            password = decoded[(colon + 1)..];
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    // Hashing first makes both sides the same length, so the comparison takes the same time whatever was sent.
    private static bool Matches(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}

/// <summary>The decision for one request to an admin page.</summary>
public enum AdminAccess
{
    Allowed,

    /// <summary>Credentials are configured and the request did not present them: answer 401 with a Basic challenge.</summary>
    Challenge,

    /// <summary>Credentials would travel in clear text: refuse before asking for them.</summary>
    HttpsRequired,

    /// <summary>No credentials are configured outside Development: the page does not exist (404).</summary>
    Hidden,
}
