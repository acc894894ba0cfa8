using IdP.Server.Admin.Api;

namespace IdP.Server.Limits;

/// <summary>
/// In front of the admin API: a client with too many refused bearer tokens gets 429 problem+json before its token is
/// even looked at; every refused token (401) is counted and logged. Runs before authentication, so the refusal costs
/// no token validation.
/// </summary>
internal static class AdminApiThrottle
{
    public static IApplicationBuilder UseAdminApiThrottle(this IApplicationBuilder app) =>
        app.UseWhen(AdminApiStatus.Handles, branch => branch.Use(async (http, next) =>
        {
            if (await AdminAuthenticationLimit.BeforeCheckAsync(http, AdminCheck.ApiToken) is { } throttled)
            {
                await ThrottledAnswers.WriteProblemAsync(http, throttled);
                return;
            }

            await next(http);
            if (http.Response.StatusCode == StatusCodes.Status401Unauthorized)
            {
                await AdminAuthenticationLimit.FailedAsync(http, AdminCheck.ApiToken);
            }
        }));
}
