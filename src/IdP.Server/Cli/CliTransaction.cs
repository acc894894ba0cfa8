namespace IdP.Server.Cli;

/// <summary>
/// One command's several administrative changes (register an application, then generate its secret) as one unit: the
/// IdP.Core services join the enclosing transaction, so a later step's refusal leaves nothing of the earlier ones, and a
/// script can run the command again as it is.
/// </summary>
internal static class CliTransaction
{
    /// <summary>Runs <paramref name="steps"/>; commits only when it answers <see cref="AdminResult{T}.Done"/>.</summary>
    public static async Task<AdminResult<T>> AllOrNothingAsync<T>(IServiceProvider services, Func<Task<AdminResult<T>>> steps, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<IIdPDbContext>();
        await using var transaction = await db.BeginOrJoinTransactionAsync(cancellationToken);
        var result = await steps();
        if (result is AdminResult<T>.Done)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        else
        {
            await transaction.RollbackAsync(cancellationToken);
        }

        return result;
    }
}
