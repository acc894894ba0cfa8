namespace IdP.Server.RunNow;

/// <summary>
/// <c>GET /{tenant}/{policy}/run-now</c> and <c>GET /{tenant}/run-now?p={policy}</c>: starts a run and sends the
/// browser to the flow's authorize endpoint on the host it came in on, or shows why the run cannot start.
/// </summary>
public sealed class StartModel(
    TenantService tenants,
    UserFlowService flows,
    RunNowStarter starter,
    IStringLocalizer<RunNowText> text,
    IStringLocalizer<ErrorText> errors,
    ILogger<StartModel> logger) : RunNowPageModel(errors)
{
    public RunNowProblem? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(string tenant, string? policy)
    {
        var ct = HttpContext.RequestAborted;
        var policyInQuery = policy is null;
        if (!PolicyEndpointPaths.TryReadPolicy(policy, Request.Query, out policy))
        {
            return ErrorPage.View(ErrorPage.Model(HttpContext, Errors["BadRequestTitle"], Errors["RepeatedParameter", PolicyEndpointPaths.PolicyParameter]), StatusCodes.Status400BadRequest);
        }

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

        if (await HttpContext.HitLimitAsync(AbuseLimit.RunNowStarts) is LimitDecision.Throttled throttled)
        {
            return ThrottledAnswers.PageView(HttpContext, throttled);
        }

        // The flow's authorize endpoint in the form the run-now URL used, on the host the browser opened.
        var flowRequest = new PolicyRequest(resolvedTenant, flow, tenant, policyInQuery ? EndpointForm.Query : EndpointForm.Path, PolicyEndpoint.Authorize, Request.Origin());
        return await starter.StartAsync(HttpContext, flowRequest, parameters, Rewrite([])) switch
        {
            RunNowStartResult.Redirect redirect => Redirect(redirect.AuthorizeUrl),
            var refused => Refuse(refused),
        };
    }

    private PageResult Refuse(RunNowStartResult refused)
    {
        var title = text["CannotStartTitle"];
        Problem = refused switch
        {
            RunNowStartResult.RedirectUriNotRegistered p => new RunNowProblem(ErrorPage.Model(HttpContext, Errors["BadRequestTitle"],
                WithoutCode(B2CErrorCodes.RedirectUriNotRegisteredDescription(p.RedirectUri, p.ClientId)),
                B2CErrorCodes.RedirectUriNotRegistered,
                p.ClientId == RunNowApplication.ClientId ? text["HelpBuiltInRedirectUri"] : text["HelpRedirectUriNotRegistered", p.ClientId])),
            RunNowStartResult.ChooseRedirectUri p => new RunNowProblem(ErrorPage.Model(HttpContext, title, text["ChooseRedirectUri", p.ClientId])),
            RunNowStartResult.ViewerCannotRedeem p => new RunNowProblem(ErrorPage.Model(HttpContext, title, text["ViewerCannotRedeem", p.ClientId]))
            {
                LinkUrl = Rewrite([RunNowParameters.ClientIdName, RunNowParameters.RedirectUriName]),
                LinkText = text["RunBuiltInInstead"],
            },
            RunNowStartResult.RefusedByOpenIddict p => Explain(p.Refusal, p.ClientId),
            _ => throw new InvalidOperationException($"Unexpected start result {refused}."),
        };

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>OpenIddict's refusal in the words an application would get, with what the developer can do about it.</summary>
    private RunNowProblem Explain(OpenIddictRefusal refusal, string clientId)
    {
        var title = text["CannotStartTitle"];
        var description = refusal.B2CDescription ?? refusal.Error;
        var code = B2CErrorCodes.CodeOf(description);

        // OpenIddict names no scope when it refuses one: the scopes meant are the ones the run asked for beyond openid.
        var scopes = string.Join(' ', refusal.Request.GetScopes().Where(s => s is not (Scopes.OpenId or Scopes.OfflineAccess)));
        return code switch
        {
            B2CErrorCodes.ImplicitFlowNotAllowed => new RunNowProblem(ErrorPage.Model(HttpContext, title, WithoutCode(description), code, text["HelpImplicitNotAllowed", clientId]))
            {
                LinkUrl = Rewrite([RunNowParameters.ResponseTypeName], KeyValuePair.Create(RunNowParameters.ResponseTypeName, (string?)RunNowResponseTypes.Code)),
                LinkText = text["RunCodeFlowInstead"],
            },
            B2CErrorCodes.ScopeNotSupported => new RunNowProblem(ErrorPage.Model(HttpContext, title, text["UnknownScope", scopes])),
            B2CErrorCodes.InsufficientPermissions => new RunNowProblem(ErrorPage.Model(HttpContext, title, text["ScopeNotAllowed", scopes, clientId])),
            _ => new RunNowProblem(ErrorPage.Model(HttpContext, title, description, help: ViewerText.FlowError(text, code, refusal.Error).Fix)),
        };
    }

    private PageResult Refuse(UserFlow flow, string reason, string message)
    {
        Problem = new RunNowProblem(ErrorPage.Model(HttpContext, text["CannotStartTitle"], message));
        Log.RunRefused(logger, flow.Name, reason);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    // The error page shows the code in front of the message itself.
    private static string WithoutCode(string description) =>
        B2CErrorCodes.CodeOf(description) is { } code ? description[(code.Length + 2)..] : description;

    /// <summary>
    /// This run-now URL with only the parameters run-now reads (so a stored "Run again" link stays short), without those
    /// named in <paramref name="without"/>, plus <paramref name="add"/>.
    /// </summary>
    private string Rewrite(string[] without, KeyValuePair<string, string?>? add = null)
    {
        var query = QueryHelpers.ParseQuery(Request.QueryString.Value)
            // p only where it names the flow (the query form): elsewhere it is unread, unchecked and not worth keeping.
            .Where(q => ((q.Key == PolicyEndpointPaths.PolicyParameter && RouteData.Values["policy"] is null) || RunNowParameters.Names.Contains(q.Key)) && !without.Contains(q.Key, StringComparer.Ordinal))
            .SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v)))
            .ToList();
        if (add is { } extra)
        {
            query.Add(extra);
        }

        return QueryHelpers.AddQueryString((Request.PathBase + Request.Path).Value ?? "", query);
    }
}
