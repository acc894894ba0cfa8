namespace IdP.Core.Data;

/// <summary>
/// The one row of <c>ConfigurationStamps</c>: a number the database moves, by triggers in the writer's own transaction,
/// whenever a configuration table changes (see <see cref="ConfigurationStamp"/>). Nothing writes it but those triggers.
/// </summary>
public sealed class ConfigurationStampRow
{
    /// <summary>The row's key; always <see cref="OnlyId"/>.</summary>
    public int Id { get; set; }

    /// <summary>The stamp: a change committed to any configuration table has moved it.</summary>
    public long Version { get; set; }

    /// <summary>The key of the one row.</summary>
    public const int OnlyId = 1;
}
