namespace IdP.Core.UserFlows;

/// <summary>
/// The ranges B2C allows for user-flow properties. <see cref="Check"/> returns every problem with a message an
/// operator can act on; a flow with problems is never stored.
/// </summary>
public static class UserFlowRules
{
    /// <summary>B2C's range for the access and ID token lifetime, in minutes.</summary>
    public static readonly Range<int> AccessAndIdTokenLifetimeMinutes = new(5, 1440);

    /// <summary>B2C's range for the refresh token lifetime, in days.</summary>
    public static readonly Range<int> RefreshTokenLifetimeDays = new(1, 90);

    /// <summary>B2C's range for a bounded refresh token sliding window, in days.</summary>
    public static readonly Range<int> RefreshTokenSlidingWindowDays = new(1, 365);

    /// <summary>B2C's range for the web app session lifetime, in minutes; the SSO cookie lives for its maximum and each flow cuts it shorter.</summary>
    public static readonly Range<int> SessionLifetimeMinutes = new(15, 1440);

    /// <summary>B2C's range for the "Keep me signed in session (days)".</summary>
    public static readonly Range<int> KeepMeSignedInDays = new(1, 90);

    /// <summary>
    /// The days a new flow's "Keep me signed in" session lasts: B2C's documentation gives the range but no user-flow
    /// default; 30 is the value its KMSI examples and recommendation use.
    /// </summary>
    public const int DefaultKeepMeSignedInDays = 30;

    /// <summary>All problems with the flow's values; empty when it can be saved.</summary>
    public static IReadOnlyList<string> Check(UserFlow flow) => [.. Problems(flow).Select(p => p.Message)];

    /// <summary>All problems with the flow's values, each naming its property as the admin API spells it.</summary>
    public static IReadOnlyList<FieldError> Problems(UserFlow flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        var errors = new List<FieldError>();

        if (UserFlowName.Validate(flow.Name) is { } nameError)
        {
            errors.Add(new("name", nameError));
        }

        AddIfOutside(errors, "accessAndIdTokenLifetimeMinutes", AdminText.LabelAccessAndIdTokenLifetime, flow.AccessAndIdTokenLifetimeMinutes, AccessAndIdTokenLifetimeMinutes);
        AddIfOutside(errors, "refreshTokenLifetimeDays", AdminText.LabelRefreshTokenLifetime, flow.RefreshTokenLifetimeDays, RefreshTokenLifetimeDays);
        AddIfOutside(errors, "sessionLifetimeMinutes", AdminText.LabelSessionLifetime, flow.SessionLifetimeMinutes, SessionLifetimeMinutes);
        AddIfOutside(errors, "keepMeSignedInDays", AdminText.LabelKeepMeSignedInDays, flow.KeepMeSignedInDays, KeepMeSignedInDays);

        // B2C offers no "Keep me signed in" on password reset flows: refused rather than stored and never used.
        if (flow is { Type: UserFlowType.PasswordReset, KeepMeSignedIn: true })
        {
            errors.Add(new("keepMeSignedIn", AdminText.UserFlowKeepMeSignedInSignInOnly));
        }

        // This server asks a second factor on sign-in flows only (a reset already proves the mailbox).
        if (flow is { Type: UserFlowType.PasswordReset, MultifactorEnforcement: not MultifactorEnforcement.Off })
        {
            errors.Add(new("multifactorEnforcement", AdminText.UserFlowMultifactorSignInOnly));
        }

        if (flow.RefreshTokenSlidingWindow == RefreshTokenSlidingWindow.Bounded)
        {
            AddIfOutside(errors, "refreshTokenSlidingWindowDays", AdminText.LabelSlidingWindowLifetime, flow.RefreshTokenSlidingWindowDays, RefreshTokenSlidingWindowDays);
            if (flow.RefreshTokenSlidingWindowDays < flow.RefreshTokenLifetimeDays)
            {
                errors.Add(new("refreshTokenSlidingWindowDays", AdminText.UserFlowSlidingWindowShorter(flow.RefreshTokenSlidingWindowDays, flow.RefreshTokenLifetimeDays)));
            }
        }

        foreach (var claim in flow.ApplicationClaims.Where(c => !ApplicationClaims.IsKnown(c)))
        {
            errors.Add(new("applicationClaims", AdminText.UserFlowUnknownClaim(claim, string.Join(", ", ApplicationClaims.All))));
        }

        if (flow.ApplicationClaims.Distinct(StringComparer.Ordinal).Count() != flow.ApplicationClaims.Count)
        {
            errors.Add(new("applicationClaims", AdminText.UserFlowRepeatedClaim));
        }

        errors.AddRange(flow.PasswordComplexity.Check().Select(m => new FieldError("passwordComplexity", m)));
        CheckEnum(errors, "type", AdminText.LabelType, flow.Type);
        CheckEnum(errors, "signInType", AdminText.LabelSignInType, flow.SignInType);
        CheckEnum(errors, "refreshTokenSlidingWindow", AdminText.LabelSlidingWindow, flow.RefreshTokenSlidingWindow);
        CheckEnum(errors, "issuerFormat", AdminText.LabelIssuerClaim, flow.IssuerFormat);
        CheckEnum(errors, "subjectClaim", AdminText.LabelSubjectClaim, flow.SubjectClaim);
        CheckEnum(errors, "policyClaim", AdminText.LabelPolicyClaim, flow.PolicyClaim);
        CheckEnum(errors, "sessionTimeout", AdminText.LabelSessionTimeout, flow.SessionTimeout);
        CheckEnum(errors, "singleSignOnConfiguration", AdminText.LabelSingleSignOn, flow.SingleSignOnConfiguration);
        CheckEnum(errors, "passwordResetBehavior", AdminText.LabelPasswordReset, flow.PasswordResetBehavior);
        CheckEnum(errors, "multifactorEnforcement", AdminText.LabelMultifactorEnforcement, flow.MultifactorEnforcement);
        CheckEnum(errors, "multifactorMethod", AdminText.LabelMultifactorMethod, flow.MultifactorMethod);
        return errors;
    }

    private static void AddIfOutside(List<FieldError> errors, string field, string label, int value, Range<int> range)
    {
        if (!range.Contains(value))
        {
            errors.Add(new(field, AdminText.UserFlowOutOfRange(label, range.Min, range.Max, value)));
        }
    }

    private static void CheckEnum<T>(List<FieldError> errors, string field, string label, T value)
        where T : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            errors.Add(new(field, AdminText.UserFlowNoSuchOption(label, value.ToString(), string.Join(", ", Enum.GetNames<T>()))));
        }
    }
}

/// <summary>An inclusive range.</summary>
/// <param name="Min">The smallest value in the range.</param>
/// <param name="Max">The largest value in the range.</param>
public readonly record struct Range<T>(T Min, T Max)
    where T : IComparable<T>
{
    /// <summary>True when <paramref name="value"/> is between <see cref="Min"/> and <see cref="Max"/>, both included.</summary>
    public bool Contains(T value) => value.CompareTo(Min) >= 0 && value.CompareTo(Max) <= 0;
}
