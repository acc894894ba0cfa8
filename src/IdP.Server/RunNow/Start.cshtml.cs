using IdP.Core.Contract;
using IdP.Core.RunNow;
using IdP.Core.Tenancy;
using IdP.Core.UserFlows;
using IdP.Server.ErrorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace IdP.Server.RunNow;

/// <summary>
/// <c>GET /{tenant}/{policy}/run-now</c> and <c>GET /{tenant}/run-now?p={policy}</c>: starts a run and sends the
/// browser to the flow's authorize endpoint on the host it came in on, or shows why the run cannot start.
/// </summary>
public sealed class StartModel(
    TenantService tenants,
    UserFlowService flows,
    RunNowStarter starter,
    IOptions<RunNowOptions> options,
    IStringLocalizer<RunNowText> text,
    IStringLocalizer<ErrorText> errors,
    ILogger<StartModel> logger) : RunNowPageModel(options, errors)
{
    public RunNowProblem? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(string tenant, string? policy)
    {
        var ct = HttpContext.RequestAborted;
        var policyInQuery = policy is null;
        policy ??= Request.Query["p"].ToString();
        var resolvedTenant = await tenants.ResolveAsync(tenant, ct);
        if (resolvedTenant is null)
        {
            return NotFoundPage(Errors["UnknownTenant", tenant]);
        }

        if (await flows.FindAsync(policy, ct) is not { } flow)
        {
            return NotFoundPage(Errors["UnknownPolicy", policy]);
        }

        ViewData["TenantDisplayName"] = resolvedTenant.DisplayName;
        var query = Request.Query.SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v)));
        var check = RunNowParameters.Parse(query);
        if (check is not RunNowParameterCheck.Valid { Parameters: var parameters })
        {
            var invalid = (RunNowParameterCheck.Invalid)check;
            return Refuse(flow, invalid.Problem.ToString(), text[$"Parameter{invalid.Problem}", invalid.Parameter]);
        }

        return await starter.StartAsync(HttpContext, tenant, flow, policyInQuery, parameters, Rewrite([])) switch
        {
            RunNowStartResult.Redirect redirect => Redirect(redirect.AuthorizeUrl),
            RunNowStartResult.Refused refused => Refuse(refused.Plan),
            var other => throw new InvalidOperationException($"Unexpected start result {other}."),
        };
    }

    private PageResult Refuse(RunNowPlan plan)
    {
        var title = text["CannotStartTitle"];
        Problem = plan switch
        {
            RunNowPlan.RedirectUriNotRegistered p => new RunNowProblem(ErrorPage.Model(HttpContext, Errors["BadRequestTitle"],
                B2CErrorCodes.RedirectUriNotRegisteredDescription(p.RedirectUri, p.ClientId)[(B2CErrorCodes.RedirectUriNotRegistered.Length + 2)..],
                B2CErrorCodes.RedirectUriNotRegistered,
                p.ClientId == RunNowApplication.ClientId ? text["HelpBuiltInRedirectUri"] : text["HelpRedirectUriNotRegistered", p.ClientId])),
            RunNowPlan.ImplicitNotAllowed p => new RunNowProblem(ErrorPage.Model(HttpContext, title,
                B2CErrorCodes.ImplicitFlowNotAllowedDescription[(B2CErrorCodes.ImplicitFlowNotAllowed.Length + 2)..],
                B2CErrorCodes.ImplicitFlowNotAllowed,
                text["HelpImplicitNotAllowed", p.ClientId]))
            {
                LinkUrl = Rewrite([RunNowParameters.ResponseTypeName], KeyValuePair.Create(RunNowParameters.ResponseTypeName, (string?)RunNowResponseTypes.Code)),
                LinkText = text["RunCodeFlowInstead"],
            },
            RunNowPlan.ChooseRedirectUri p => new RunNowProblem(ErrorPage.Model(HttpContext, title, text["ChooseRedirectUri", p.ClientId])),
            RunNowPlan.ViewerCannotRedeem p => new RunNowProblem(ErrorPage.Model(HttpContext, title, text["ViewerCannotRedeem", p.ClientId]))
            {
                LinkUrl = Rewrite([RunNowParameters.ClientIdName, RunNowParameters.RedirectUriName]),
                LinkText = text["RunBuiltInInstead"],
            },
            RunNowPlan.UnknownScope p => new RunNowProblem(ErrorPage.Model(HttpContext, title, text["UnknownScope", p.Scope])),
            RunNowPlan.ScopeNotAllowed p => new RunNowProblem(ErrorPage.Model(HttpContext, title, text["ScopeNotAllowed", p.Scope, p.ClientId])),
            _ => throw new InvalidOperationException($"Unexpected plan {plan}."),
        };

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private PageResult Refuse(UserFlow flow, string reason, string message)
    {
        Problem = new RunNowProblem(ErrorPage.Model(HttpContext, text["CannotStartTitle"], message));
        Log.RunRefused(logger, flow.Name, reason);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>
    /// This run-now URL with only the parameters run-now reads (so a stored "Run again" link stays short), without those
    /// named in <paramref name="without"/>, plus <paramref name="add"/>.
    /// </summary>
    private string Rewrite(string[] without, KeyValuePair<string, string?>? add = null)
    {
        var query = QueryHelpers.ParseQuery(Request.QueryString.Value)
            .Where(q => (q.Key == "p" || RunNowParameters.Names.Contains(q.Key)) && !without.Contains(q.Key, StringComparer.Ordinal))
            .SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v)))
            .ToList();
        if (add is { } extra)
        {
            query.Add(extra);
        }

        return QueryHelpers.AddQueryString((Request.PathBase + Request.Path).Value ?? "", query);
    }
}
