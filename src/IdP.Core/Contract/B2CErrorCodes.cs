namespace IdP.Core.Contract;

/// <summary>B2C error codes and their messages, as apps written against Azure AD B2C parse them (public contract).</summary>
public static class B2CErrorCodes
{
    public const string UserCancelled = "AADB2C90091";
    public const string ForgotPassword = "AADB2C90118";
    public const string RedirectUriNotRegistered = "AADB2C90006";
    public const string ImplicitFlowNotAllowed = "AADB2C90057";
    public const string NoSessionForPromptNone = "AADB2C90077";
    public const string GrantExpired = "AADB2C90080";
    public const string GrantRevoked = "AADB2C90129";
    public const string AccountNoLongerExists = "AADB2C90128";
    public const string AccountLocked = "AADB2C90111";
    public const string AccountTemporarilyLocked = "AADB2C90114";
    public const string InvalidPrompt = "AADB2C90043";
    public const string ScopeNotSupported = "AADB2C90012";
    public const string ResponseTypeNotSupported = "AADB2C90013";
    public const string ResponseModeNotSupported = "AADB2C90014";
    public const string ClientSecretRequired = "AADB2C90079";
    public const string ClientSecretMismatch = "AADB2C90081";
    public const string MissingParameter = "AADB2C90083";
    public const string PublicClientSentSecret = "AADB2C90084";
    public const string GrantTypeNotSupported = "AADB2C90086";
    public const string GrantIssuedForOtherEndpoint = "AADB2C90088";
    public const string TokenScopeNotSupported = "AADB2C90117";
    public const string MoreThanOneResource = "AADB2C90146";
    public const string CodeVerifierMismatch = "AADB2C90182";
    public const string InsufficientPermissions = "AADB2C90205";

    /// <summary>The exact description B2C sends for a cancelled journey.</summary>
    public const string UserCancelledDescription = UserCancelled + ": The user has cancelled entering self-asserted information.";

    /// <summary>The exact description B2C sends when the user follows the forgot-password link of a hand-off flow.</summary>
    public const string ForgotPasswordDescription = ForgotPassword + ": The user has forgotten their password.";

    /// <summary>Formats B2C's AADB2C90006 message.</summary>
    public static string RedirectUriNotRegisteredDescription(string? redirectUri, string? clientId) =>
        $"{RedirectUriNotRegistered}: {RedirectUriNotRegisteredMessage(redirectUri, clientId)}";

    /// <summary>B2C's AADB2C90006 message without its code (our error page shows the code on its own).</summary>
    public static string RedirectUriNotRegisteredMessage(string? redirectUri, string? clientId) =>
        $"The redirect URI '{redirectUri}' provided in the request is not registered for the client ID '{clientId}'.";

    /// <summary>B2C's AADB2C90077 message for <c>prompt=none</c> without a session.</summary>
    public const string NoSessionForPromptNoneDescription =
        NoSessionForPromptNone + ": User does not have an existing session and request prompt parameter has a value of 'None'.";

    public const string ImplicitFlowNotAllowedDescription =
        ImplicitFlowNotAllowed + ": The provided application is not configured to allow the OAuth Implicit flow.";

    public const string GrantExpiredDescription = GrantExpired + ": The provided grant has expired. Please re-authenticate and try again.";
    public const string GrantRevokedDescription = GrantRevoked + ": The provided grant has been revoked. Please reauthenticate and try again.";
    public const string AccountNoLongerExistsDescription = AccountNoLongerExists + ": The account associated with this grant no longer exists. Please reauthenticate and try again.";
    public const string AccountLockedDescription = AccountLocked + ": Your account has been locked. Contact your support person to unlock it, then try again.";
    public const string ClientSecretRequiredDescription = ClientSecretRequired + ": Clients must send a client_secret when redeeming a confidential grant.";
    public const string ClientSecretMismatchDescription = ClientSecretMismatch + ": The specified client_secret does not match the expected value for this client. Please correct the client_secret and try again.";
    public const string PublicClientSentSecretDescription = PublicClientSentSecret + ": Public clients should not send a client_secret when redeeming a publicly acquired grant.";
    public const string CodeVerifierMismatchDescription = CodeVerifierMismatch + ": The supplied code_verifier does not match associated code_challenge.";
    public const string InsufficientPermissionsDescription = InsufficientPermissions + ": This application does not have sufficient permissions against this web resource to perform the operation.";

    /// <summary>Formats B2C's AADB2C90088 message (a code or refresh token redeemed under another user flow).</summary>
    public static string GrantIssuedForOtherEndpointDescription(string? actualPolicy, string expectedPolicy) =>
        $"{GrantIssuedForOtherEndpoint}: The provided grant has not been issued for this endpoint. Actual Value : {actualPolicy} and Expected Value : {expectedPolicy}";

    /// <summary>Formats B2C's AADB2C90083 message.</summary>
    public static string MissingParameterDescription(string parameter) => $"{MissingParameter}: The request is missing required parameter: {parameter}.";

    /// <summary>Formats B2C's AADB2C90086 message.</summary>
    public static string GrantTypeNotSupportedDescription(string? grantType) => $"{GrantTypeNotSupported}: The supplied grant_type [{grantType}] is not supported.";

    /// <summary>Formats B2C's AADB2C90012 message (authorize requests).</summary>
    public static string ScopeNotSupportedDescription(string? scope) => $"{ScopeNotSupported}: The scope '{scope}' provided in request is not supported.";

    /// <summary>Formats B2C's AADB2C90117 message (token requests).</summary>
    public static string TokenScopeNotSupportedDescription(string? scope) => $"{TokenScopeNotSupported}: The scope '{scope}' provided in the request is not supported.";

    /// <summary>Formats B2C's AADB2C90013 message.</summary>
    public static string ResponseTypeNotSupportedDescription(string? responseType) => $"{ResponseTypeNotSupported}: The requested response type '{responseType}' provided in the request is not supported.";

    /// <summary>Formats B2C's AADB2C90014 message.</summary>
    public static string ResponseModeNotSupportedDescription(string? responseMode) => $"{ResponseModeNotSupported}: The requested response mode '{responseMode}' provided in the request is not supported.";

    /// <summary>Formats B2C's AADB2C90146 message: an access token is for one API.</summary>
    public static string MoreThanOneResourceDescription(string? scope) => $"{MoreThanOneResource}: The scope '{scope}' provided in request specifies more than one resource for an access token, which is not supported.";

    /// <summary>The B2C code a description starts with (<c>AADB2C90091</c>), or null.</summary>
    public static string? CodeOf(string? description) =>
        description is { Length: >= 11 } d && d.StartsWith("AADB2C", StringComparison.Ordinal) && d[6..11].All(char.IsAsciiDigit) ? d[..11] : null;
}
