namespace IdP.Server.RunNow;

/// <summary>Element ids of Run now's pages, used by the pages and by the tests' page objects.</summary>
public static class RunNowElementIds
{
    // Start page (a run that cannot start).
    public const string Instead = "runInstead";

    // Viewer.
    public const string Outcome = "outcome";
    public const string Summary = "summary";
    public const string Checks = "checks";
    public const string IdToken = "idToken";
    public const string AccessToken = "accessToken";
    public const string RefreshToken = "refreshToken";
    public const string RefreshTokenFacts = "refreshTokenFacts";
    public const string ErrorCode = "flowErrorCode";
    public const string ErrorDescription = "flowErrorDescription";
    public const string ErrorMeaning = "flowErrorMeaning";
    public const string ErrorFix = "flowErrorFix";
    public const string RunAgain = "runAgain";

    /// <summary>Suffixes of a token section's parts: <c>idToken-raw</c>, <c>idToken-header</c>, <c>idToken-payload</c>, <c>idToken-claims</c>.</summary>
    public const string RawSuffix = "-raw";
    public const string HeaderSuffix = "-header";
    public const string PayloadSuffix = "-payload";
    public const string ClaimsSuffix = "-claims";
}
