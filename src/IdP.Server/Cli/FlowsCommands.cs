namespace IdP.Server.Cli;

/// <summary>
/// <c>flows add NAME</c>: creates a user flow through <see cref="UserFlowAdministration"/>; what the options leave out
/// gets B2C's default, as in the admin API, and the ranges are the flow rules' own.
/// </summary>
internal static class FlowsCommands
{
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["name"] = "NAME",
        ["type"] = "--type",
        ["signInType"] = "--sign-in-type",
        ["applicationClaims"] = "--claim",
        ["accessAndIdTokenLifetimeMinutes"] = "--token-lifetime-minutes",
        ["refreshTokenLifetimeDays"] = "--refresh-token-lifetime-days",
        ["refreshTokenSlidingWindow"] = "--sliding-window",
        ["refreshTokenSlidingWindowDays"] = "--sliding-window-days",
        ["issuerFormat"] = "--issuer-format",
        ["subjectClaim"] = "--subject-claim",
        ["policyClaim"] = "--policy-claim",
        ["sessionLifetimeMinutes"] = "--session-lifetime-minutes",
        ["sessionTimeout"] = "--session-timeout",
        ["singleSignOnConfiguration"] = "--single-sign-on",
        ["multifactorEnforcement"] = "--mfa",
        ["multifactorMethod"] = "--mfa-method",
        ["keepMeSignedIn"] = "--keep-me-signed-in",
        ["keepMeSignedInDays"] = "--keep-me-signed-in-days",
        ["requireIdTokenInLogoutRequests"] = "--require-id-token-in-logout",
        ["passwordComplexity"] = "--password-complexity",
        ["passwordResetBehavior"] = "--password-reset",
    };

    public static Command Create(CliHost cli)
    {
        var name = new Argument<string>("NAME") { Description = CliText.Get("FlowsNameArgument") };
        var type = CliValues.Enum<UserFlowType>("--type", CliText.Get("FlowsTypeOption"));
        var signInType = CliValues.Enum<SignInNameKind>("--sign-in-type", CliText.Get("FlowsSignInTypeOption"));
        var claims = CliValues.Many("--claim", CliText.Format("FlowsClaimOption", string.Join(", ", ApplicationClaims.All)), "claim");
        var tokenLifetime = new Option<int?>("--token-lifetime-minutes") { Description = CliText.Get("FlowsTokenLifetimeOption"), HelpName = "minutes" };
        var refreshLifetime = new Option<int?>("--refresh-token-lifetime-days") { Description = CliText.Get("FlowsRefreshLifetimeOption"), HelpName = "days" };
        var slidingWindow = CliValues.Enum<RefreshTokenSlidingWindow>("--sliding-window", CliText.Get("FlowsSlidingWindowOption"));
        var slidingWindowDays = new Option<int?>("--sliding-window-days") { Description = CliText.Get("FlowsSlidingWindowDaysOption"), HelpName = "days" };
        var issuerFormat = CliValues.Enum<IssuerFormat>("--issuer-format", CliText.Get("FlowsIssuerFormatOption"));
        var subjectClaim = CliValues.Enum<SubjectClaim>("--subject-claim", CliText.Get("FlowsSubjectClaimOption"));
        var policyClaim = CliValues.Enum<PolicyClaim>("--policy-claim", CliText.Get("FlowsPolicyClaimOption"));
        var sessionLifetime = new Option<int?>("--session-lifetime-minutes") { Description = CliText.Get("FlowsSessionLifetimeOption"), HelpName = "minutes" };
        var sessionTimeout = CliValues.Enum<SessionTimeout>("--session-timeout", CliText.Get("FlowsSessionTimeoutOption"));
        var singleSignOn = CliValues.Enum<SingleSignOnScope>("--single-sign-on", CliText.Get("FlowsSingleSignOnOption"));
        var mfa = CliValues.Enum<MultifactorEnforcement>("--mfa", CliText.Get("FlowsMultifactorOption"));
        var mfaMethod = CliValues.Enum<MultifactorMethod>("--mfa-method", CliText.Get("FlowsMultifactorMethodOption"));
        var complexity = CliValues.Enum<PasswordComplexityLevel>("--password-complexity", CliText.Get("FlowsComplexityOption"));
        var minLength = new Option<int?>("--password-min-length") { Description = CliText.Get("FlowsMinLengthOption"), HelpName = "characters" };
        var maxLength = new Option<int?>("--password-max-length") { Description = CliText.Get("FlowsMaxLengthOption"), HelpName = "characters" };
        var classes = new Option<int?>("--password-classes") { Description = CliText.Get("FlowsClassesOption"), HelpName = "count" };
        var numbersOnly = new Option<bool>("--password-numbers-only") { Description = CliText.Get("FlowsNumbersOnlyOption") };
        var resetBehavior = CliValues.Enum<PasswordResetBehavior>("--password-reset", CliText.Get("FlowsResetBehaviorOption"));
        var forcedReset = new Option<bool>("--forced-password-reset") { Description = CliText.Get("FlowsForcedResetOption") };
        var keepMeSignedIn = new Option<bool>("--keep-me-signed-in") { Description = CliText.Get("FlowsKeepMeSignedInOption") };
        var keepMeSignedInDays = new Option<int?>("--keep-me-signed-in-days") { Description = CliText.Get("FlowsKeepMeSignedInDaysOption"), HelpName = "days" };
        var requireIdTokenInLogout = new Option<bool>("--require-id-token-in-logout") { Description = CliText.Get("FlowsRequireIdTokenInLogoutOption") };
        var add = new Command("add", CliText.Get("FlowsAddDescription"))
        {
            name, type, signInType, claims, tokenLifetime, refreshLifetime, slidingWindow, slidingWindowDays, issuerFormat, subjectClaim,
            policyClaim, sessionLifetime, sessionTimeout, singleSignOn, complexity, minLength, maxLength, classes, numbersOnly, resetBehavior, forcedReset,
            keepMeSignedIn, keepMeSignedInDays, requireIdTokenInLogout, mfa, mfaMethod,
        };
        add.Validators.Add(result =>
        {
            var customValues = new Option[] { minLength, maxLength, classes, numbersOnly };
            if (result.GetValue(complexity) != PasswordComplexityLevel.Custom && customValues.Any(option => result.GetResult(option) is not null))
            {
                result.AddError(CliText.Get("FlowsCustomOnly"));
            }
        });

        add.SetAction((parsed, cancellationToken) => cli.RunAsync(initialize: true, async (services, token) =>
        {
            var input = new UserFlowInput
            {
                Name = parsed.GetValue(name),
                Type = parsed.GetValue(type),
                SignInType = parsed.GetValue(signInType),
                ApplicationClaims = parsed.GetValue(claims) is { Length: > 0 } listed ? listed : null,
                AccessAndIdTokenLifetimeMinutes = parsed.GetValue(tokenLifetime),
                RefreshTokenLifetimeDays = parsed.GetValue(refreshLifetime),
                RefreshTokenSlidingWindow = parsed.GetValue(slidingWindow),
                RefreshTokenSlidingWindowDays = parsed.GetValue(slidingWindowDays),
                IssuerFormat = parsed.GetValue(issuerFormat),
                SubjectClaim = parsed.GetValue(subjectClaim),
                PolicyClaim = parsed.GetValue(policyClaim),
                SessionLifetimeMinutes = parsed.GetValue(sessionLifetime),
                SessionTimeout = parsed.GetValue(sessionTimeout),
                SingleSignOnConfiguration = parsed.GetValue(singleSignOn),
                MultifactorEnforcement = parsed.GetValue(mfa),
                MultifactorMethod = parsed.GetValue(mfaMethod),
                KeepMeSignedIn = parsed.GetValue(keepMeSignedIn),
                KeepMeSignedInDays = parsed.GetValue(keepMeSignedInDays),
                RequireIdTokenInLogoutRequests = parsed.GetValue(requireIdTokenInLogout),
                PasswordComplexity = parsed.GetValue(complexity) is { } level
                    ? new PasswordComplexityInput
                    {
                        Level = level,
                        MinLength = parsed.GetValue(minLength),
                        MaxLength = parsed.GetValue(maxLength),
                        RequiredClassCount = parsed.GetValue(classes),
                        NumbersOnly = parsed.GetResult(numbersOnly) is null ? null : parsed.GetValue(numbersOnly),
                    }
                    : null,
                PasswordResetBehavior = parsed.GetValue(resetBehavior),
                ForcedPasswordReset = parsed.GetValue(forcedReset),
            };

            switch (await services.GetRequiredService<UserFlowAdministration>().CreateAsync(input, CliHost.Actor, token))
            {
                case AdminResult<UserFlowDetails>.Done { Value: var flow }:
                    cli.Console.Out.WriteLine(CliText.Format("FlowsCreated", flow.Name, flow.Type, flow.SignInType));
                    cli.Console.Out.WriteLine(CliText.Format(
                        "FlowsSettings", flow.AccessAndIdTokenLifetimeMinutes, flow.RefreshTokenLifetimeDays, flow.SessionLifetimeMinutes, flow.PasswordComplexity.Level, flow.PasswordResetBehavior));
                    // The properties that are off by default are named only when on (the single sign-on configuration
                    // when not Tenant), so the usual output stays as it was.
                    if (flow.SingleSignOnConfiguration != SingleSignOnScope.Tenant)
                    {
                        cli.Console.Out.WriteLine(CliText.Format("FlowsSingleSignOn", flow.SingleSignOnConfiguration));
                    }

                    if (flow.MultifactorEnforcement != MultifactorEnforcement.Off)
                    {
                        cli.Console.Out.WriteLine(CliText.Format("FlowsMultifactor", flow.MultifactorMethod, flow.MultifactorEnforcement));
                    }

                    if (flow.ForcedPasswordReset)
                    {
                        cli.Console.Out.WriteLine(CliText.Get("FlowsForcedPasswordReset"));
                    }

                    if (flow.KeepMeSignedIn)
                    {
                        cli.Console.Out.WriteLine(CliText.Format("FlowsKeepMeSignedIn", flow.KeepMeSignedInDays));
                    }

                    if (flow.RequireIdTokenInLogoutRequests)
                    {
                        cli.Console.Out.WriteLine(CliText.Get("FlowsRequireIdTokenInLogout"));
                    }

                    return CliExit.Ok;
                case AdminResult<UserFlowDetails>.Invalid invalid:
                    return CliFieldErrors.Print(cli, invalid.Errors, Fields);
                default:
                    return cli.Fail(CliText.Get("FlowsNotCreated"));
            }
        }, cancellationToken));

        return new Command("flows", CliText.Get("FlowsDescription")) { add };
    }
}
