using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace IdP.LoadGen;

/// <summary>
/// Grows the account table to <c>--accounts</c> rows: copies of the template account <c>bench0@…</c> (which the
/// admin API created with a real hash at the configured cost) under the names bench1…benchN-1. Each copy gets its own
/// id, security stamp and sign-in name; they share the template's password hash, which is what every sign-in verifies
/// (hashing 100,000 passwords at OWASP's cost would take hours and measure nothing the hash benchmark does not).
/// Idempotent: only missing numbers are added, so 1,000 first and 100,000 later grows the same table.
/// </summary>
internal static class Seeder
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var accounts = args.Int("accounts", 100_000);
        var watch = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(args.Get("connection"));
        await connection.OpenAsync();

        var existing = Convert.ToInt64(await ScalarAsync(connection, "SELECT count(*) FROM \"SignInNames\" WHERE \"NormalizedValue\" LIKE 'BENCH%@BENCH.TEST'"), CultureInfo.InvariantCulture);
        if (existing == 0)
        {
            throw new ArgumentException("No template account bench0@bench.test: run 'setup' first.");
        }

        // Every column copied from the template; the columns holding its address (bench0@bench.test) get the copy's number.
        var userColumns = await ColumnsAsync(connection, "AspNetUsers");
        var nameColumns = await ColumnsAsync(connection, "SignInNames");
        string UserValue(string column) => column switch
        {
            "Id" => "ids.id",
            "SecurityStamp" or "ConcurrencyStamp" => "upper(replace(gen_random_uuid()::text, '-', ''))",
            "UserName" or "NormalizedUserName" => "ids.id::text",
            "DisplayName" => "'Bench ' || ids.n",
            "Email" => "'bench' || ids.n || '@bench.test'",
            "NormalizedEmail" => "'BENCH' || ids.n || '@BENCH.TEST'",
            _ => "t." + Quote(column),
        };
        string NameValue(string column) => column switch
        {
            "Id" => "gen_random_uuid()",
            "AccountId" => "ids.id",
            "Value" => "'bench' || ids.n || '@bench.test'",
            "NormalizedValue" => "'BENCH' || ids.n || '@BENCH.TEST'",
            _ => "s." + Quote(column),
        };

        var sql = $"""
            WITH template AS (SELECT u.*, s."Id" AS name_id FROM "AspNetUsers" u JOIN "SignInNames" s ON s."AccountId" = u."Id" WHERE s."NormalizedValue" = 'BENCH0@BENCH.TEST'),
                 ids AS (SELECT n, gen_random_uuid() AS id FROM generate_series(@from, @to) AS n),
                 users AS (
                     INSERT INTO "AspNetUsers" ({string.Join(", ", userColumns.Select(Quote))})
                     SELECT {string.Join(", ", userColumns.Select(UserValue))} FROM ids CROSS JOIN (SELECT * FROM "AspNetUsers" WHERE "Id" = (SELECT "Id" FROM template)) t
                     RETURNING "Id")
            INSERT INTO "SignInNames" ({string.Join(", ", nameColumns.Select(Quote))})
            SELECT {string.Join(", ", nameColumns.Select(NameValue))} FROM ids CROSS JOIN (SELECT * FROM "SignInNames" WHERE "Id" = (SELECT name_id FROM template)) s
            """;

        // Batches keep each statement's memory small; 1,000,000 rows take a minute or two.
        const int Batch = 50_000;
        for (var from = existing; from < accounts; from += Batch)
        {
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
            command.Parameters.AddWithValue("from", (int)from);
            command.Parameters.AddWithValue("to", (int)Math.Min(accounts - 1, from + Batch - 1));
            await command.ExecuteNonQueryAsync();
        }

        await ScalarAsync(connection, "ANALYZE \"AspNetUsers\"; ANALYZE \"SignInNames\"; SELECT 1");
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  seeded {Math.Max(0, accounts - existing)} accounts ({accounts} in all) in {watch.Elapsed.TotalSeconds:F1} s"));
        return 0;
    }

    private static string Quote(string column) => $"\"{column}\"";

    private static async Task<List<string>> ColumnsAsync(NpgsqlConnection connection, string table)
    {
        await using var command = new NpgsqlCommand("SELECT column_name FROM information_schema.columns WHERE table_name = @t ORDER BY ordinal_position", connection);
        command.Parameters.AddWithValue("t", table);
        var columns = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        return await command.ExecuteScalarAsync();
    }
}
