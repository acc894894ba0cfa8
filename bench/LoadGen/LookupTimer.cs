using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace IdP.LoadGen;

/// <summary>
/// The lookups a sign-in and a reset make by what the user typed, timed against the table as it is now (run it at
/// 1,000 and at 100,000 accounts): the sign-in name → account join (<c>LocalAccountSignIn</c>) and the contact-email
/// lookup (<c>ResetAccounts</c>). Each is run for random existing and unknown names; the plan is kept to show the
/// index is used. Flat means the time does not grow with the table.
/// </summary>
internal static class LookupTimer
{
    private const string SignInLookup = """
        SELECT u."Id", u."PasswordHash", u."SecurityStamp" FROM "SignInNames" s JOIN "AspNetUsers" u ON u."Id" = s."AccountId"
        WHERE s."Kind" = 'Email' AND s."NormalizedValue" = @name LIMIT 1
        """;

    private const string ResetLookup = """
        SELECT u."Email" FROM "AspNetUsers" u WHERE u."NormalizedEmail" = @name AND u."Email" IS NOT NULL
        """;

    public static async Task<int> RunAsync(Arguments args)
    {
        await using var connection = new NpgsqlConnection(args.Get("connection"));
        await connection.OpenAsync();
        var accounts = Convert.ToInt64(await new NpgsqlCommand("SELECT count(*) FROM \"AspNetUsers\"", connection).ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        var rounds = args.Int("rounds", 2000);
        foreach (var (name, sql) in new[] { ("signin-lookup", SignInLookup), ("reset-lookup", ResetLookup) })
        {
            var samples = new List<double>(rounds);
            await using var command = new NpgsqlCommand(sql, connection);
            var parameter = new NpgsqlParameter<string>("name", "");
            command.Parameters.Add(parameter);
            await command.PrepareAsync();
            for (var i = 0; i < rounds + 100; i++)
            {
                // Half existing accounts spread over the whole table, half unknown names.
                parameter.TypedValue = i % 2 == 0 ? $"BENCH{Random.Shared.NextInt64(accounts)}@BENCH.TEST" : $"NOBODY{i}@BENCH.TEST";
                var started = Stopwatch.GetTimestamp();
                await using (var reader = await command.ExecuteReaderAsync())
                {
                    while (await reader.ReadAsync())
                    {
                    }
                }

                if (i >= 100)
                {
                    samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }

            samples.Sort();
            var plan = await PlanAsync(connection, sql);
            var line = string.Create(CultureInfo.InvariantCulture,
                $"{{\"system\":\"idp\",\"path\":\"{name}\",\"accounts\":{accounts},\"p50_ms\":{samples[samples.Count / 2]:F3},\"p99_ms\":{samples[(int)(samples.Count * 0.99)]:F3},\"plan\":{System.Text.Json.JsonSerializer.Serialize(plan)}}}");
            Console.WriteLine(line);
            if (args.Optional("out") is { } file)
            {
                File.AppendAllLines(file, [line]);
            }
        }

        return 0;
    }

    private static async Task<string> PlanAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand("EXPLAIN (COSTS OFF) " + sql, connection);
        command.Parameters.AddWithValue("name", "BENCH1@BENCH.TEST");
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0).Trim());
        }

        return string.Join(" / ", lines);
    }
}
