namespace IdP.Core.Contract;

/// <summary>B2C error codes and their messages, as apps written against Azure AD B2C parse them (public contract).</summary>
public static class B2CErrorCodes
{
    /// <summary>AADB2C90229: too many requests from the same source in a short time (B2C's throttling code).</summary>
    public const string Throttled = "AADB2C90229";

    /// <summary>AADB2C90091: the user selected Cancel on one of the user flow's pages.</summary>
    public const string UserCancelled = "AADB2C90091";

    /// <summary>AADB2C90118: the user selected the forgot-password link of a user flow that hands password reset off to the app.</summary>
    public const string ForgotPassword = "AADB2C90118";

    /// <summary>AADB2C90006: the reply URL is not registered for the application, or the application does not exist.</summary>
    public const string RedirectUriNotRegistered = "AADB2C90006";

    /// <summary>AADB2C90057: the application asked the authorize endpoint for a token but does not allow the implicit flow.</summary>
    public const string ImplicitFlowNotAllowed = "AADB2C90057";

    /// <summary>AADB2C90077: the request has <c>prompt=none</c> but the user has no session for the user flow.</summary>
    public const string NoSessionForPromptNone = "AADB2C90077";

    /// <summary>AADB2C90080: the grant expired (the refresh token's sliding window has ended).</summary>
    public const string GrantExpired = "AADB2C90080";

    /// <summary>AADB2C90129: the grant was revoked (the account's security stamp changed, e.g. by a password reset).</summary>
    public const string GrantRevoked = "AADB2C90129";

    /// <summary>AADB2C90128: the account the grant was issued for no longer exists.</summary>
    public const string AccountNoLongerExists = "AADB2C90128";

    /// <summary>AADB2C90111: the account is locked, which B2C reports for an account an administrator disabled.</summary>
    public const string AccountLocked = "AADB2C90111";

    /// <summary>AADB2C90114: the account is temporarily locked after too many wrong passwords.</summary>
    public const string AccountTemporarilyLocked = "AADB2C90114";

    /// <summary>AADB2C90043: the <c>prompt</c> parameter has a value the user flow does not support.</summary>
    public const string InvalidPrompt = "AADB2C90043";

    /// <summary>AADB2C90012: an authorize request asks for a scope that is not supported.</summary>
    public const string ScopeNotSupported = "AADB2C90012";

    /// <summary>AADB2C90013: the <c>response_type</c> is not supported.</summary>
    public const string ResponseTypeNotSupported = "AADB2C90013";

    /// <summary>AADB2C90014: the <c>response_mode</c> is not supported.</summary>
    public const string ResponseModeNotSupported = "AADB2C90014";

    /// <summary>AADB2C90079: a confidential client redeemed a grant without its <c>client_secret</c>.</summary>
    public const string ClientSecretRequired = "AADB2C90079";

    /// <summary>AADB2C90081: the <c>client_secret</c> is not one of the application's secrets.</summary>
    public const string ClientSecretMismatch = "AADB2C90081";

    /// <summary>AADB2C90083: a required request parameter is missing.</summary>
    public const string MissingParameter = "AADB2C90083";

    /// <summary>AADB2C90084: a public client sent a <c>client_secret</c> with a publicly acquired grant.</summary>
    public const string PublicClientSentSecret = "AADB2C90084";

    /// <summary>AADB2C90086: the token request's <c>grant_type</c> is not supported.</summary>
    public const string GrantTypeNotSupported = "AADB2C90086";

    /// <summary>AADB2C90088: a code or refresh token was redeemed under another user flow than the one that issued it.</summary>
    public const string GrantIssuedForOtherEndpoint = "AADB2C90088";

    /// <summary>AADB2C90117: a token request asks for a scope that is not supported.</summary>
    public const string TokenScopeNotSupported = "AADB2C90117";

    /// <summary>AADB2C90146: the scopes name more than one API, but an access token is for one.</summary>
    public const string MoreThanOneResource = "AADB2C90146";

    /// <summary>AADB2C90182: the PKCE <c>code_verifier</c> does not match the authorize request's <c>code_challenge</c>.</summary>
    public const string CodeVerifierMismatch = "AADB2C90182";

    /// <summary>AADB2C90205: the application has not been granted the API scope it asked for.</summary>
    public const string InsufficientPermissions = "AADB2C90205";

    /// <summary>
    /// AADB2C90272: a logout request of a flow with "Require ID Token in logout requests" on carries no <c>id_token_hint</c>.
    /// </summary>
    public const string IdTokenHintRequired = "AADB2C90272";

    /// <summary>B2C's AADB2C90272 message without its code (our error page shows the code on its own).</summary>
    public const string IdTokenHintRequiredMessage = "The id_token_hint parameter has not been specified in the request. Please provide token and try again.";

    /// <summary>AADB2C90229's description: B2C's "ServiceThrottled" text.</summary>
    public const string ThrottledDescription = Throttled + ": There are too many requests at this moment. Please wait for some time and try again.";

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

    /// <summary>B2C's AADB2C90057 message.</summary>
    public const string ImplicitFlowNotAllowedDescription =
        ImplicitFlowNotAllowed + ": The provided application is not configured to allow the OAuth Implicit flow.";

    /// <summary>B2C's AADB2C90080 message.</summary>
    public const string GrantExpiredDescription = GrantExpired + ": The provided grant has expired. Please re-authenticate and try again.";

    /// <summary>B2C's AADB2C90129 message.</summary>
    public const string GrantRevokedDescription = GrantRevoked + ": The provided grant has been revoked. Please reauthenticate and try again.";

    /// <summary>B2C's AADB2C90128 message.</summary>
    public const string AccountNoLongerExistsDescription = AccountNoLongerExists + ": The account associated with this grant no longer exists. Please reauthenticate and try again.";

    /// <summary>B2C's AADB2C90111 message.</summary>
    public const string AccountLockedDescription = AccountLocked + ": Your account has been locked. Contact your support person to unlock it, then try again.";

    /// <summary>B2C's AADB2C90079 message.</summary>
    public const string ClientSecretRequiredDescription = ClientSecretRequired + ": Clients must send a client_secret when redeeming a confidential grant.";

    /// <summary>B2C's AADB2C90081 message.</summary>
    public const string ClientSecretMismatchDescription = ClientSecretMismatch + ": The specified client_secret does not match the expected value for this client. Please correct the client_secret and try again.";

    /// <summary>B2C's AADB2C90084 message.</summary>
    public const string PublicClientSentSecretDescription = PublicClientSentSecret + ": Public clients should not send a client_secret when redeeming a publicly acquired grant.";

    /// <summary>B2C's AADB2C90182 message.</summary>
    public const string CodeVerifierMismatchDescription = CodeVerifierMismatch + ": The supplied code_verifier does not match associated code_challenge.";

    /// <summary>B2C's AADB2C90205 message.</summary>
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
