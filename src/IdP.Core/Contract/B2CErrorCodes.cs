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

    /// <summary>The exact description B2C sends for a cancelled journey.</summary>
    public const string UserCancelledDescription = UserCancelled + ": The user has cancelled entering self-asserted information.";

    /// <summary>The exact description B2C sends when the user follows the forgot-password link of a hand-off flow.</summary>
    public const string ForgotPasswordDescription = ForgotPassword + ": The user has forgotten their password.";

    /// <summary>Formats B2C's AADB2C90006 message.</summary>
    public static string RedirectUriNotRegisteredDescription(string? redirectUri, string? clientId) =>
        $"{RedirectUriNotRegistered}: The redirect URI '{redirectUri}' provided in the request is not registered for the client ID '{clientId}'.";

    public const string ImplicitFlowNotAllowedDescription =
        ImplicitFlowNotAllowed + ": The provided application is not configured to allow the OAuth Implicit flow.";
}
