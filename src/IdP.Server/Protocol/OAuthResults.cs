using System.Globalization;
using IdP.Core.Time;
using IdP.Server.ErrorPages;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Server.AspNetCore;

namespace IdP.Server.Protocol;

/// <summary>Error responses sent back to the app through OpenIddict (which applies the request's response mode).</summary>
internal static class OAuthResults
{
    /// <summary>
    /// An error for the app, with B2C's habit of appending the correlation id and timestamp to the description (on
    /// one line: OAuth forbids line breaks in error_description).
    /// </summary>
    public static IResult Error(HttpContext context, string error, string description)
    {
        var timestamp = context.RequestServices.GetRequiredService<TimeProvider>().UtcNow().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var properties = new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = $"{description} Correlation ID: {ErrorPage.CorrelationId(context)} Timestamp: {timestamp}",
        });
        return Results.Forbid(properties, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }
}
