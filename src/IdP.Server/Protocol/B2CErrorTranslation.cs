using System.Text.RegularExpressions;

namespace IdP.Server.Protocol;

/// <summary>
/// OpenIddict's protocol errors in B2C's words: apps written against B2C branch on the AADB2C code at the start of
/// <c>error_description</c> (expired grant: sign in again; wrong secret: fix the configuration). OpenIddict marks each
/// error with an id (<c>ID2016</c>) in its <c>error_uri</c>; errors B2C has no code for keep OpenIddict's text.
/// </summary>
internal static partial class B2CErrorTranslation
{
    /// <summary>Transaction property set when the grant being redeemed was refused because it expired.</summary>
    public const string GrantExpiredProperty = "IdP.GrantExpired";

    private static readonly HashSet<string> DeadGrant = ["ID2010", "ID2012", "ID2013", "ID2016", "ID2018", "ID2019", "ID2020", "ID2022", "ID2023"];

    /// <summary>The B2C description for an error, or the original one when B2C has no code for it.</summary>
    public static string? Translate(bool tokenEndpoint, string? error, string? description, string? errorUri, bool grantExpired, OpenIddictRequest? request)
    {
        if (B2CErrorCodes.CodeOf(description) is not null)
        {
            return description;
        }

        var id = errorUri is null ? null : errorUri[(errorUri.LastIndexOf('/') + 1)..];
        var parameter = description is null ? null : QuotedName().Match(description) is { Success: true } match ? match.Groups[1].Value : null;
        return id switch
        {
            _ when id is not null && DeadGrant.Contains(id) => grantExpired ? B2CErrorCodes.GrantExpiredDescription : B2CErrorCodes.GrantRevokedDescription,
            "ID2055" => B2CErrorCodes.ClientSecretMismatchDescription,
            "ID2198" => B2CErrorCodes.ClientSecretRequiredDescription,
            "ID2054" when parameter == Parameters.ClientSecret => B2CErrorCodes.ClientSecretRequiredDescription,
            "ID2053" when parameter == Parameters.ClientSecret => B2CErrorCodes.PublicClientSentSecretDescription,
            "ID2052" when parameter == Parameters.CodeVerifier => B2CErrorCodes.CodeVerifierMismatchDescription,
            "ID2029" when tokenEndpoint && parameter is not null => B2CErrorCodes.MissingParameterDescription(parameter),
            "ID2032" when parameter == Parameters.GrantType => B2CErrorCodes.GrantTypeNotSupportedDescription(request?.GrantType),
            "ID2032" when parameter == Parameters.ResponseType => B2CErrorCodes.ResponseTypeNotSupportedDescription(request?.ResponseType),
            "ID2032" when parameter == Parameters.ResponseMode => B2CErrorCodes.ResponseModeNotSupportedDescription(request?.ResponseMode),
            "ID2051" or "ID2065" => B2CErrorCodes.InsufficientPermissionsDescription,
            _ when error == Errors.InvalidScope => tokenEndpoint
                ? B2CErrorCodes.TokenScopeNotSupportedDescription(request?.Scope)
                : B2CErrorCodes.ScopeNotSupportedDescription(request?.Scope),
            _ => description,
        };
    }

    [GeneratedRegex("'([a-z_]+)'")]
    private static partial Regex QuotedName();
}
