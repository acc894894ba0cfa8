using System.Resources;
using System.Runtime.CompilerServices;
using IdP.Core.PasswordReset;

namespace IdP.Core.Administration;

/// <summary>
/// What the administration rules tell an operator (AdminText.resx, and AdminText.fr.resx in French), read in
/// <see cref="CultureInfo.CurrentUICulture"/>: the portal runs each request in the administrator's language, while the
/// admin API and the command line run in English (see FlowLanguage and IdPCli). One member per text, named as its key;
/// a text with placeholders takes their values as parameters, so a call cannot give too few or too many.
/// </summary>
internal static class AdminText
{
    private static readonly ResourceManager Resources = new("IdP.Core.Administration.AdminText", typeof(AdminText).Assembly);

    // Requests as a whole
    public static string ConcurrencyConflict => Get();
    public static string TenantMissing => Get();
    public static string PageNumber => Get();
    public static string PageSize(int max) => Format([max]);
    public static string EntryNull => Get();
    public static string JsonWrongType => Get();
    public static string JsonFieldWrongType(string field) => Format([field]);
    public static string JsonFieldNull(string field) => Format([field]);
    public static string JsonFieldControlCharacter(string field) => Format([field]);
    public static string JsonFieldInvalidUnicode(string field) => Format([field]);
    public static string JsonFieldUnknown(string field) => Format([field]);
    public static string JsonInvalid => Get();
    public static string JsonInvalidAt(long line, long? position) => Format([line, position]);
    public static string LastAdministrator => Get();
    public static string AuditTypeTooLong => Get();
    public static string AuditToBeforeFrom => Get();

    // User flows
    public static string UserFlowNameRequired => Get();
    public static string UserFlowNameImmutable => Get();
    public static string UserFlowNameEmpty => Get();
    public static string UserFlowNameTooLong(int max) => Format([max]);
    public static string UserFlowNameCharacters => Get();
    public static string UserFlowNameTaken(string name) => Format([name]);
    public static string UserFlowLastSignIn(string name) => Format([name]);
    public static string UserFlowNoCustomPageUri => Get();
    public static string UserFlowOutOfRange(string label, int min, int max, int value) => Format([label, min, max, value]);
    public static string UserFlowSlidingWindowShorter(int slidingWindowDays, int refreshTokenDays) => Format([slidingWindowDays, refreshTokenDays]);
    public static string UserFlowUnknownClaim(string claim, string known) => Format([claim, known]);
    public static string UserFlowRepeatedClaim => Get();
    public static string UserFlowNoSuchOption(string label, string value, string options) => Format([label, value, options]);
    public static string LabelAccessAndIdTokenLifetime => Get();
    public static string LabelRefreshTokenLifetime => Get();
    public static string LabelSessionLifetime => Get();
    public static string LabelSlidingWindowLifetime => Get();
    public static string LabelType => Get();
    public static string LabelSignInType => Get();
    public static string LabelSlidingWindow => Get();
    public static string LabelIssuerClaim => Get();
    public static string LabelSubjectClaim => Get();
    public static string LabelPolicyClaim => Get();
    public static string LabelSessionTimeout => Get();
    public static string LabelSingleSignOn => Get();
    public static string LabelMultifactorEnforcement => Get();
    public static string LabelMultifactorMethod => Get();
    public static string UserFlowMultifactorSignInOnly => Get();
    public static string LabelPasswordReset => Get();
    public static string LabelKeepMeSignedInDays => Get();
    public static string UserFlowKeepMeSignedInSignInOnly => Get();
    public static string ComplexityFixed(PasswordComplexityLevel level) => Format([level]);
    public static string ComplexityMinLength(int max) => Format([max]);
    public static string ComplexityMaxLength(int max) => Format([max]);
    public static string ComplexityNumbersOnlyClasses => Get();
    public static string ComplexityClasses => Get();
    public static string ComplexityUnknown(PasswordComplexityLevel level) => Format([level]);

    // Custom page content
    public static string CustomPageBoth => Get();
    public static string CustomPageEmpty => Get();
    // The details of a custom page failure come as stored (see CustomPageProblem): invariant text, not numbers.
    public static string CustomPageTooLarge(string? maxKilobytes) => Format([maxKilobytes]);
    public static string CustomPageForbiddenElements(string? found) => Format([found]);
    public static string CustomPageNoApiElement => Get();
    public static string CustomPageUriNotHttps => Get();
    public static string CustomPageUriPrivate => Get();
    public static string CustomPageUriRedirect => Get();
    public static string CustomPageUriStatus(string? status) => Format([status]);
    public static string CustomPageUriUnreachable(string? error) => Format([error]);
    public static string CustomPageUriTimeout(string? seconds) => Format([seconds]);

    // Users
    public static string PasswordRequired => Get();
    public static string GraphPasswordRequired => Get();
    public static string PasswordLength(int min, int max) => Format([min, max]);
    public static string PasswordClasses => Get();
    public static string PasswordDisallowedCharacter(string symbols) => Format([symbols]);
    public static string PasswordNumbersOnly => Get();
    public static string PasswordSameAsName => Get();
    public static string PasswordCommon => Get();
    public static string NameTooLong(int max) => Format([max]);
    public static string NameControlCharacters => Get();
    public static string SearchTooLong(int max) => Format([max]);
    public static string SignInNameRequired => Get();
    public static string ContactEmailInvalid => Get();
    public static string EmailTaken(string email) => Format([email]);
    public static string UsernameTaken(string username) => Format([username]);
    public static string SignInNameTaken(SignInNameKind kind, string value) => kind == SignInNameKind.Email ? EmailTaken(value) : UsernameTaken(value);
    public static string EmailMissing => Get();
    public static string UsernameMissing => Get();
    public static string SignInNameTooLong => Get();
    public static string SignInNameControlCharacters => Get();
    public static string EmailInvalid => Get();
    public static string UsernameCharacters => Get();
    public static string GraphShapeMixed => Get();
    public static string IdentitiesRequired => Get();
    public static string IdentityNull => Get();
    public static string IdentityFederated => Get();
    public static string IdentityUnsupportedType(string? signInType) => Format([signInType]);
    public static string IdentityRepeated(string? signInType) => Format([signInType]);
    public static string IdentityNoIssuerAssignedId => Get();
    public static string ImportTooManyLines(int max) => Format([max]);
    public static string ImportEmpty => Get();
    public static string ImportUserFailed => Get();
    public static string ImportLineTooLong(int max) => Format([max]);
    public static string ImportLineNull => Get();

    // Groups
    public static string GroupNameLength => Get();
    public static string GroupDescriptionTooLong => Get();
    public static string GroupNameTaken(string name) => Format([name]);
    public static string GroupUsedByPasswordReset(string name) => Format([name]);
    public static string AccountMissing(Guid accountId) => Format([accountId]);

    // Password reset
    public static string ResetModeRequired => Get();
    public static string ResetNoSuchMode(PasswordResetMode mode) => Format([mode]);
    public static string ResetGroupRequired => Get();
    public static string ResetGroupMissing(Guid groupId) => Format([groupId]);

    // App registrations
    public static string AppIdTaken(string clientId) => Format([clientId]);
    public static string AppIdImmutable => Get();
    public static string AppCannotDeleteItself => Get();
    public static string AppIdInvalid(int max) => Format([max]);
    public static string AppIdReserved(string clientId) => Format([clientId]);
    public static string AppDisplayNameInvalid(int max) => Format([max]);
    public static string AppTooManyReplyUrls(int max) => Format([max]);
    public static string AppReplyUrlRepeated => Get();
    public static string AppIdUriInvalid(int max) => Format([max]);
    public static string AppIdUriBeforeScopes => Format([]);
    public static string AppIdUriTaken(string appIdUri) => Format([appIdUri]);
    public static string AppTooManyScopes(int max) => Format([max]);
    public static string AppScopeNameInvalid(string name) => Format([name]);
    public static string AppScopeNameReserved(string name) => Format([name]);
    public static string AppScopeDescriptionTooLong(string name) => Format([name]);
    public static string AppScopeRepeated => Get();
    public static string AppPermissionNotAScope(string permission) => Format([permission]);
    public static string AppPermissionUnknown(string permission) => Format([permission]);
    public static string AppTooManySecrets(int max) => Format([max]);
    public static string AppTooManySecretsRemoveOne(int max) => Format([max]);
    public static string AppConfiguredSecretInvalid(int min, int max) => Format([min, max]);
    public static string AppSecretExpiry(double maxDays) => Format([maxDays]);
    public static string AppSecretDescriptionTooLong => Get();
    public static string ReplyUrlEmpty => Get();
    public static string PostLogoutUrlEmpty => Get();
    public static string ReplyUrlTooLong(int max) => Format([max]);
    public static string PostLogoutUrlTooLong(int max) => Format([max]);
    public static string UrlNotAbsolute(string uri) => Format([uri]);
    public static string ReplyUrlFragment(string uri) => Format([uri]);
    public static string PostLogoutUrlFragment(string uri) => Format([uri]);
    public static string ReplyUrlWildcard(string uri) => Format([uri]);
    public static string PostLogoutUrlWildcard(string uri) => Format([uri]);
    public static string UrlNeedsHttps(string uri) => Format([uri]);
    public static string UrlSchemeCannotReceiveTokens(string uri, string scheme) => Format([uri, scheme]);
    public static string UrlNeedsHttpsLoopbackOrCustomScheme(string uri) => Format([uri]);

    // Company branding
    public static string ColorInvalid(string value, string example) => Format([value, example]);
    public static string AccentTooLight(string color, string contrast, string needed) => Format([color, contrast, needed]);
    public static string SignInPageTextTooLong(int length, int max) => Format([length, max]);
    public static string UsernameHintTooLong(int length, int max) => Format([length, max]);
    public static string UsernameHintOneLine => Get();
    public static string LanguageUnsupported(string language, string supported) => Format([language, supported]);
    public static string ImageEmpty(string image) => Format([image]);
    public static string ImageTooLarge(string image, int length, int max) => Format([image, length, max]);
    public static string ImageUnsafeSvg(string image, string reason) => Format([image, reason]);
    public static string ImageMalformedSvg(string image) => Format([image]);
    public static string ImageType(string image) => Format([image]);
    public static string ImageUnreadable(string image, string type) => Format([image, type]);
    public static string ImageDimensions(string image, int width, int height, int maxWidth, int maxHeight) => Format([image, width, height, maxWidth, maxHeight]);
    public static string SvgElement(string element) => Format([element]);
    public static string SvgDtd => Get();
    public static string SvgStyleLoads => Get();
    public static string SvgEventHandler(string attribute) => Format([attribute]);
    public static string SvgJavascriptUrl => Get();
    public static string SvgExternalReference(string reference) => Format([reference]);
    public static string StringUnknown(string key, string language) => Format([key, language]);
    public static string StringTooLong(int length, int max) => Format([length, max]);
    public static string StringControlCharacters => Get();
    public static string StringPlaceholders(string placeholders) => Format([placeholders]);

    private static string Get([CallerMemberName] string name = "") =>
        Resources.GetString(name, CultureInfo.CurrentUICulture) ?? throw new InvalidOperationException($"AdminText.resx has no '{name}'.");

    // Also for texts without placeholders that show braces ({{App ID URI}}): the resource escapes them as a format string.
    private static string Format(object?[] args, [CallerMemberName] string name = "") => string.Format(CultureInfo.CurrentCulture, Get(name), args);
}
