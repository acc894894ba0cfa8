namespace IdP.Core.SignIn;

/// <summary>Bound from <c>IdP:SignIn</c>: smart lockout and journey settings. Defaults follow B2C.</summary>
public sealed class SignInOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string Section = "IdP:SignIn";

    /// <summary>Wrong passwords in a row that lock a sign-in name (B2C: 10).</summary>
    [Range(3, 100)]
    public int MaxFailedAttempts { get; set; } = 10;

    /// <summary>Length of the first lockout; each further lockout doubles it.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan FirstLockout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest a lockout grows to (B2C: up to 5 hours).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "24:00:00")]
    public TimeSpan MaxLockout { get; set; } = TimeSpan.FromHours(5);

    /// <summary>How long a user has to finish signing in (or resetting) before starting again.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "1.00:00:00")]
    public TimeSpan JourneyLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a journey nobody has acted on lives: an authorize request alone (which anyone can send in bulk) keeps
    /// its row only this long; the user's first post on our pages extends it to <see cref="JourneyLifetime"/>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "01:00:00")]
    public TimeSpan UnattendedJourneyLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The absolute end of a sign-in session after the credentials were entered, however often a rolling session is
    /// used (each flow's session lifetime applies within it).
    /// </summary>
    [Range(typeof(TimeSpan), "01:00:00", "90.00:00:00")]
    public TimeSpan SessionMaxAge { get; set; } = TimeSpan.FromDays(7);
}
