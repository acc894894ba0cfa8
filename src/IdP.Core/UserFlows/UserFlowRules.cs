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

        AddIfOutside(errors, "accessAndIdTokenLifetimeMinutes", "Access & ID token lifetime (minutes)", flow.AccessAndIdTokenLifetimeMinutes, AccessAndIdTokenLifetimeMinutes);
        AddIfOutside(errors, "refreshTokenLifetimeDays", "Refresh token lifetime (days)", flow.RefreshTokenLifetimeDays, RefreshTokenLifetimeDays);
        AddIfOutside(errors, "sessionLifetimeMinutes", "Web app session lifetime (minutes)", flow.SessionLifetimeMinutes, SessionLifetimeMinutes);

        if (flow.RefreshTokenSlidingWindow == RefreshTokenSlidingWindow.Bounded)
        {
            AddIfOutside(errors, "refreshTokenSlidingWindowDays", "Refresh token sliding window lifetime (days)", flow.RefreshTokenSlidingWindowDays, RefreshTokenSlidingWindowDays);
            if (flow.RefreshTokenSlidingWindowDays < flow.RefreshTokenLifetimeDays)
            {
                errors.Add(new("refreshTokenSlidingWindowDays", $"Refresh token sliding window lifetime ({flow.RefreshTokenSlidingWindowDays} days) must be at least the refresh token lifetime ({flow.RefreshTokenLifetimeDays} days)."));
            }
        }

        foreach (var claim in flow.ApplicationClaims.Where(c => !ApplicationClaims.IsKnown(c)))
        {
            errors.Add(new("applicationClaims", $"'{claim}' is not an application claim. Known claims: {string.Join(", ", ApplicationClaims.All)}."));
        }

        if (flow.ApplicationClaims.Distinct(StringComparer.Ordinal).Count() != flow.ApplicationClaims.Count)
        {
            errors.Add(new("applicationClaims", "Each application claim can be listed once."));
        }

        errors.AddRange(flow.PasswordComplexity.Check().Select(m => new FieldError("passwordComplexity", m)));
        CheckEnum(errors, "type", "Type", flow.Type);
        CheckEnum(errors, "signInType", "Sign-in type", flow.SignInType);
        CheckEnum(errors, "refreshTokenSlidingWindow", "Refresh token sliding window", flow.RefreshTokenSlidingWindow);
        CheckEnum(errors, "issuerFormat", "Issuer (iss) claim", flow.IssuerFormat);
        CheckEnum(errors, "subjectClaim", "Subject (sub) claim", flow.SubjectClaim);
        CheckEnum(errors, "policyClaim", "Claim representing user flow", flow.PolicyClaim);
        CheckEnum(errors, "sessionTimeout", "Web app session timeout", flow.SessionTimeout);
        CheckEnum(errors, "passwordResetBehavior", "Password reset", flow.PasswordResetBehavior);
        return errors;
    }

    private static void AddIfOutside(List<FieldError> errors, string field, string label, int value, Range<int> range)
    {
        if (!range.Contains(value))
        {
            errors.Add(new(field, $"{label} must be between {range.Min} and {range.Max}; {value} is out of range."));
        }
    }

    private static void CheckEnum<T>(List<FieldError> errors, string field, string label, T value)
        where T : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            errors.Add(new(field, $"{label} has no option '{value}'. Options: {string.Join(", ", Enum.GetNames<T>())}."));
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
