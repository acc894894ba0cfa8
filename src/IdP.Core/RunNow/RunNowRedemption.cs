namespace IdP.Core.RunNow;

/// <summary>What the viewer finds for the <c>state</c> a response came back with.</summary>
public abstract record RunNowRedemption
{
    private RunNowRedemption()
    {
    }

    /// <summary>The run, now marked as shown: the viewer may show its response.</summary>
    /// <param name="Run">The run the state belongs to.</param>
    public sealed record Redeemed(RunNowRun Run) : RunNowRedemption;

    /// <summary>No run with this state was started in this browser (or none at all: the two are not told apart).</summary>
    public sealed record Unknown : RunNowRedemption;

    /// <summary>The run waited longer than <see cref="RunNowOptions.RunLifetime"/>.</summary>
    /// <param name="Run">The run the state belongs to.</param>
    public sealed record Expired(RunNowRun Run) : RunNowRedemption;

    /// <summary>The run's response was already shown (a reload, or a replayed response).</summary>
    /// <param name="Run">The run the state belongs to.</param>
    public sealed record AlreadyShown(RunNowRun Run) : RunNowRedemption;
}
