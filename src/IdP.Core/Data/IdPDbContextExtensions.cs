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
}
