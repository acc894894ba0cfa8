using System.Diagnostics.Metrics;

namespace IdP.Core.Telemetry;

/// <summary>
/// The server's own counters, in the meter <see cref="MeterName"/>: what an operator watches to see abuse or an outage
/// (sign-ins failing or locking, reset codes throttled, mail retrying, limits hit). Each counter carries an
/// <c>outcome</c> (or <c>limit</c>) tag and never a name, address or code. Exported with the rest of the telemetry.
/// </summary>
public sealed class IdPMetrics
{
    /// <summary>The meter's name, as telemetry exporters and <c>dotnet-counters</c> select it.</summary>
    public const string MeterName = "IdP";

    /// <summary>The tag that says how an attempt ended.</summary>
    public const string OutcomeTag = "outcome";

    /// <summary>The tag that names the limit that was hit.</summary>
    public const string LimitTag = "limit";

    private readonly Counter<long> _signIns;
    private readonly Counter<long> _resetCodes;
    private readonly Counter<long> _emails;
    private readonly Counter<long> _limits;

    /// <summary>Creates the counters on a meter owned by <paramref name="meterFactory"/> (one per service provider).</summary>
    public IdPMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _signIns = meter.CreateCounter<long>("idp.sign_ins", "{attempt}", "Password sign-in attempts by outcome: succeeded, failed, locked.");
        _resetCodes = meter.CreateCounter<long>("idp.reset_codes", "{event}", "Password reset codes by outcome: sent, verified, failed, throttled.");
        _emails = meter.CreateCounter<long>("idp.emails", "{attempt}", "Outbox deliveries by outcome: sent, retried, failed.");
        _limits = meter.CreateCounter<long>("idp.limits.hits", "{request}", "Requests refused by an abuse limit, by limit.");
    }

    /// <summary>One password sign-in attempt ended with <paramref name="outcome"/>.</summary>
    public void SignIn(SignInOutcome outcome) => _signIns.Add(1, new KeyValuePair<string, object?>(OutcomeTag, Name(outcome)));

    /// <summary>One reset-code event: a code sent, verified, a failed entry, or a send or entry refused by a limit.</summary>
    public void ResetCode(ResetCodeOutcome outcome) => _resetCodes.Add(1, new KeyValuePair<string, object?>(OutcomeTag, Name(outcome)));

    /// <summary>One outbox delivery attempt ended with <paramref name="outcome"/>.</summary>
    public void Email(EmailOutcome outcome) => _emails.Add(1, new KeyValuePair<string, object?>(OutcomeTag, Name(outcome)));

    /// <summary>A request was refused by the abuse limit named <paramref name="limit"/> (a fixed name, never a key or address).</summary>
    public void LimitHit(string limit)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(limit);
        _limits.Add(1, new KeyValuePair<string, object?>(LimitTag, limit));
    }

    private static string Name<T>(T outcome)
        where T : struct, Enum => outcome.ToString().ToLowerInvariant();
}

/// <summary>How a password sign-in attempt ended, as counted by <see cref="IdPMetrics"/>.</summary>
public enum SignInOutcome
{
    /// <summary>The password was right and the account stands.</summary>
    Succeeded,

    /// <summary>Wrong password, unknown name or disabled account.</summary>
    Failed,

    /// <summary>The name is locked out.</summary>
    Locked,
}

/// <summary>A reset-code event, as counted by <see cref="IdPMetrics"/>.</summary>
public enum ResetCodeOutcome
{
    /// <summary>A code was issued (mailed, or a decoy for an unknown address: the same to the person).</summary>
    Sent,

    /// <summary>A typed code matched.</summary>
    Verified,

    /// <summary>A typed code was wrong, expired or its code used up.</summary>
    Failed,

    /// <summary>A send was refused by the cooldown or the hourly or daily count.</summary>
    Throttled,
}

/// <summary>How an outbox delivery attempt ended, as counted by <see cref="IdPMetrics"/>.</summary>
public enum EmailOutcome
{
    /// <summary>Delivered to the SMTP server (or pickup folder).</summary>
    Sent,

    /// <summary>Failed; another attempt is scheduled.</summary>
    Retried,

    /// <summary>Failed for good (rejected, or out of attempts).</summary>
    Failed,
}
