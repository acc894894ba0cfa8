namespace IdP.Core.UserFlows;

/// <summary>
/// User flows by normalised name as this node last loaded them, filed under the <see cref="ConfigurationStamp"/> (a
/// singleton). Read through <see cref="UserFlowService.FindAsync"/>, which hands each caller its own copy.
/// </summary>
public sealed class UserFlowCache
{
    // Flow names are a handful per deployment; the bound only stops a stream of odd names from growing memory.
    private const int MaxFlows = 256;

    /// <summary>Flows by normalised name (null: no flow has the name).</summary>
    public StampedCache<string, UserFlow> Flows { get; } = new(MaxFlows, StringComparer.Ordinal);

    /// <summary>Every flow's issuer form, under the one key <see cref="AllFlows"/>; the list is immutable, so callers share it.</summary>
    public StampedCache<int, IReadOnlyList<FlowIssuerForm>> IssuerForms { get; } = new(1);

    /// <summary>The key of the one entry of <see cref="IssuerForms"/>.</summary>
    public const int AllFlows = 0;
}
