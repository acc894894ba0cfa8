namespace IdP.Server.Tests.Infrastructure;

/// <summary>What a test trigger does to the rows it matches.</summary>
public enum TriggerAction
{
    /// <summary>The statement fails (the database refuses the row).</summary>
    Refuse,

    /// <summary>The row is silently left as it was, as if another request had changed it first: an update then affects no row.</summary>
    Skip,
}

/// <summary>Triggers a test puts on a table of the server's database for the length of one request, on both providers.</summary>
public static class DatabaseTriggers
{
    /// <summary>
    /// Runs <paramref name="request"/> while a trigger before each <paramref name="operation"/> (INSERT or UPDATE) on
    /// <paramref name="table"/> applies <paramref name="action"/> to the rows matching <paramref name="condition"/> (SQL on NEW).
    /// </summary>
    public static async Task<T> WithTriggerAsync<T>(this IdPFactory factory, string table, string operation, string condition, TriggerAction action, Func<Task<T>> request)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(request);
        var name = "test_trigger_" + Guid.NewGuid().ToString("N");
        await factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(IsSqlite(db)
            ? $"CREATE TRIGGER {name} BEFORE {operation} ON \"{table}\" WHEN {condition} BEGIN SELECT {(action == TriggerAction.Skip ? "RAISE(IGNORE)" : "RAISE(ABORT, 'refused by the test')")}; END;"
            : $"""
               CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN {(action == TriggerAction.Skip ? "RETURN NULL;" : "RAISE EXCEPTION 'refused by the test';")} END $$;
               CREATE TRIGGER {name} BEFORE {operation} ON "{table}" FOR EACH ROW WHEN ({condition}) EXECUTE FUNCTION {name}();
               """));
        try
        {
            return await request();
        }
        finally
        {
            await factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(IsSqlite(db)
                ? $"DROP TRIGGER {name};"
                : $"DROP TRIGGER {name} ON \"{table}\"; DROP FUNCTION {name}();"));
        }
    }

    private static bool IsSqlite(IdPDbContext db) => db.Database.ProviderName!.Contains("Sqlite", StringComparison.OrdinalIgnoreCase);
}
