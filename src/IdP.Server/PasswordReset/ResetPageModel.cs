using IdP.Core.Journeys;
using IdP.Core.PasswordReset;
using IdP.Core.Tenancy;
using IdP.Core.UserFlows;
using IdP.Server.ErrorPages;
using IdP.Server.Journeys;
using IdP.Server.SignIn;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace IdP.Server.PasswordReset;

/// <summary>
/// Base of both reset pages: nothing runs while the tenant switch is None (whatever URL is typed), and on a sign-in
/// flow that hands reset off to the app the pages are not offered either. Then the usual journey checks apply.
/// </summary>
public abstract class ResetPageModel(
    JourneyService journeys,
    TenantService tenants,
    UserFlowService flows,
    PasswordResetSettingsService settings,
    IStringLocalizer<PasswordResetText> text,
    IStringLocalizer<ErrorText> errors) : JourneyPageModel(journeys, tenants, flows, errors)
{
    /// <summary>The form field every button of the reset pages posts, naming what was pressed.</summary>
    public const string OperationField = "operation";

    protected IStringLocalizer<PasswordResetText> Text { get; } = text;

    /// <summary>The journey, flow and tenant, as the core services take them.</summary>
    protected ResetRequest Reset => new(Journey, Flow, Tenant);

    /// <summary>Loads everything; returns the result to send instead when the reset cannot run.</summary>
    protected async Task<IActionResult?> LoadResetAsync(string tenant, string policy)
    {
        if (!(await settings.GetAsync(HttpContext.RequestAborted)).Enabled)
        {
            return ErrorPage.View(ErrorPage.Model(HttpContext, Text["UnavailableTitle"], Text["UnavailableMessage"]), StatusCodes.Status403Forbidden);
        }

        if (await LoadJourneyAsync(tenant, policy) is { } stop)
        {
            return stop;
        }

        if (Flow.Type == UserFlowType.SignIn && Flow.PasswordResetBehavior == PasswordResetBehavior.HandOff)
        {
            return ErrorPage.View(ErrorPage.Model(HttpContext, Text["UnavailableTitle"], Text["UnavailableInFlowMessage"]), StatusCodes.Status400BadRequest);
        }

        return null;
    }

    /// <summary>"Cancel": the app receives AADB2C90091.</summary>
    protected async Task<IActionResult> CancelAsync()
    {
        await Journeys.MarkCancelledAsync(Journey, HttpContext.RequestAborted);
        return Redirect(JourneyPages.ResumeAuthorize(Journey));
    }
}
