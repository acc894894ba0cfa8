using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IdP.Server.Data;

/// <summary>
/// A number that changes whenever this node saves a user flow or the tenant, so what is derived from them and kept in
/// memory (the discovery documents, <see cref="Protocol.ProtocolDocumentCache"/>) is rebuilt at once after a change.
/// </summary>
public sealed class ConfigurationVersion
{
    private long _current;

    /// <summary>The current version.</summary>
    public long Current => Interlocked.Read(ref _current);

    /// <summary>Marks derived copies out of date.</summary>
    public void Changed() => Interlocked.Increment(ref _current);
}

/// <summary>
/// Bumps <see cref="ConfigurationVersion"/> after a save that touched a user flow or the tenant, and tells
/// <see cref="ConfigurationStamp"/> about a save of any configuration table (<see cref="ConfigurationTables"/>).
/// </summary>
internal sealed class ConfigurationChangeInterceptor(ConfigurationVersion version) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Commit(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Commit(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Commit(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Commit(eventData.Context);
        return Task.CompletedTask;
    }

    // Noted before the save (afterwards the entries are Unchanged or gone) and bumped then, so no copy made from the old
    // rows is served while the save runs; bumped again after it, so a request that read the old rows during the save
    // cannot keep its copy under the version that follows it.
    private static readonly object Marker = new();
    private static readonly ConditionalWeakTable<DbContext, object> Pending = new();

    private static readonly ConditionalWeakTable<DbContext, object> PendingConfiguration = new();

    private void Note(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var changed = context.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        if (changed.Any(e => e.Entity is UserFlow or Tenant))
        {
            version.Changed();
            Pending.AddOrUpdate(context, Marker);
        }

        // Rows of a configuration table: this context's requests read the configuration stamp again after the save.
        if (changed.Any(e => e.Metadata.GetTableName() is { } table && ConfigurationTables.Stamped.Contains(table)))
        {
            PendingConfiguration.AddOrUpdate(context, Marker);
        }
    }

    private void Commit(DbContext? context)
    {
        if (context is not null && Pending.Remove(context))
        {
            version.Changed();
        }

        if (context is not null && PendingConfiguration.Remove(context))
        {
            ConfigurationStamp.Saved(context);
        }
    }
}
