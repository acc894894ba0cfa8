using Microsoft.EntityFrameworkCore;

namespace IdP.Core.Data;

/// <summary>Storage steps several services share.</summary>
public static class IdPDbContextExtensions
{
    /// <summary>
    /// Inserts <paramref name="row"/> unless a row with its key already exists: false when another request (or node)
    /// inserted it first, which callers treat as "the row is there now". The row is detached either way, so callers
    /// keep working on it with set-based updates.
    /// </summary>
    public static async Task<bool> TryInsertAsync<T>(this IIdPDbContext db, DbSet<T> set, T row, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(set);
        set.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
        finally
        {
            db.Entry(row).State = EntityState.Detached;
        }
    }

    /// <summary>
    /// Begins a transaction, or joins the one already open on the context (an administrative change that writes its
    /// audit event in the same transaction): only the outermost caller's commit commits, and only its dispose rolls
    /// back what was not committed.
    /// </summary>
    public static async Task<UnitOfWork> BeginOrJoinTransactionAsync(this IIdPDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database.CurrentTransaction is not null
            ? new UnitOfWork(null)
            : new UnitOfWork(await db.Database.BeginTransactionAsync(cancellationToken));
    }
}

/// <summary>A transaction this caller owns, or a share of an enclosing one (whose owner commits).</summary>
public sealed class UnitOfWork(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? owned) : IAsyncDisposable
{
    /// <summary>Commits when this caller owns the transaction; a joined caller leaves it to the owner.</summary>
    public Task CommitAsync(CancellationToken cancellationToken) => owned?.CommitAsync(cancellationToken) ?? Task.CompletedTask;

    /// <summary>Explicitly rolls back an owned transaction.</summary>
    public Task RollbackAsync(CancellationToken cancellationToken) => owned?.RollbackAsync(cancellationToken) ?? Task.CompletedTask;

    /// <summary>Disposes an owned transaction (rolling it back if it was not committed).</summary>
    public ValueTask DisposeAsync() => owned?.DisposeAsync() ?? ValueTask.CompletedTask;
}
