namespace IdP.Core.PasswordReset;

/// <summary>Whether another code may be sent to an address now, and if not, until when it must wait.</summary>
public abstract record SendDecision
{
    private SendDecision()
    {
    }

    /// <summary>A code may be sent now.</summary>
    public sealed record Allowed : SendDecision;

    /// <summary>The last code went out too recently (the cooldown, or the back-off after dead codes) and the next may go at <see cref="Until"/>.</summary>
    public sealed record CoolingDown(DateTimeOffset Until) : SendDecision;

    /// <summary>The address had its <see cref="Limit"/> count of codes; the count drops below it at <see cref="Until"/>.</summary>
    public sealed record Throttled(SendLimit Limit, DateTimeOffset Until) : SendDecision;
}

/// <summary>Which count of codes to one address was reached.</summary>
public enum SendLimit
{
    /// <summary><see cref="PasswordResetOptions.MaxCodesPerHour"/> in the last hour.</summary>
    Hourly,

    /// <summary><see cref="PasswordResetOptions.MaxCodesPerDay"/> in the last 24 hours.</summary>
    Daily,
}
