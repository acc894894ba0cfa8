namespace IdP.Core.Journeys;

/// <summary>
/// The rule every change of a journey's state follows, so it ends once: it moves on only from the state the caller saw,
/// and never out of <see cref="JourneyStatus.Completed"/>. The journey's version makes the move atomic in the database.
/// </summary>
public static class JourneyTransition
{
    /// <summary>True when a journey in <paramref name="current"/> may move on from <paramref name="expected"/>.</summary>
    public static bool Allowed(JourneyStatus current, JourneyStatus expected) => current == expected && current != JourneyStatus.Completed;
}
