// Evidence, not a test: how long a failed sign-in takes for an existing account with a wrong password versus a name
// no account has. LocalAccountSignIn verifies exactly one password hash on both paths (a dummy one for unknown
// names), so the two distributions should overlap. Timing targets live here rather than in the test suite, where a
// shared 2-core CI machine would make them flaky.
//
//   dotnet run -c Release --project bench/IdP.Bench [iterations]
using System.Diagnostics;
using System.Globalization;
using IdP.Core.Accounts;
using IdP.Core.Data;
using IdP.Core.SignIn;
using IdP.Core.Telemetry;
using IdP.Server.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SignInOptions = IdP.Core.SignIn.SignInOptions;
using SignInResult = IdP.Core.SignIn.SignInResult;

var iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
var folder = Directory.CreateTempSubdirectory("idp-bench-").FullName;
try
{
    var services = new ServiceCollection()
        .AddLogging()
        .AddMetrics()
        .AddSingleton<IdPMetrics>()
        .AddSingleton(TimeProvider.System)
        .AddSingleton<IPasswordHasher<Account>, PasswordHasher<Account>>()
        .AddSingleton<DummyPasswordHash>()
        .AddSingleton(Options.Create(new SignInOptions()))
        .AddDbContext<IdPDbContext, SqliteIdPDbContext>(o => o.UseSqlite($"Data Source={Path.Combine(folder, "bench.db")}").UseOpenIddict())
        .AddScoped<IIdPDbContext>(sp => sp.GetRequiredService<IdPDbContext>())
        .AddScoped<AccountService>()
        .AddScoped(sp => new LocalAccountSignIn(
            sp.GetRequiredService<IIdPDbContext>(), sp.GetRequiredService<IPasswordHasher<Account>>(), sp.GetRequiredService<DummyPasswordHash>(),
            TimeProvider.System, sp.GetRequiredService<IOptions<SignInOptions>>(), sp.GetRequiredService<IdPMetrics>(), NullLogger<LocalAccountSignIn>.Instance))
        .BuildServiceProvider();

    await using (var scope = services.CreateAsyncScope())
    {
        await scope.ServiceProvider.GetRequiredService<IdPDbContext>().Database.MigrateAsync();
        await scope.ServiceProvider.GetRequiredService<AccountService>().CreateAsync(new NewAccount("Correct-Horse-9") { SignInEmail = "known@example.com" }, CancellationToken.None);
    }

    var known = new List<double>();
    var unknown = new List<double>();
    for (var i = 0; i < iterations + 10; i++)
    {
        // Alternate so drift (JIT, caches, the machine's load) hits both sides alike; the first 10 rounds warm up.
        var knownMs = await TimeOneAsync(services, "known@example.com");
        var unknownMs = await TimeOneAsync(services, $"nobody{i}@example.com");
        if (i >= 10)
        {
            known.Add(knownMs);
            unknown.Add(unknownMs);
        }
    }

    Report("existing account, wrong password", known);
    Report("unknown sign-in name", unknown);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median difference: {Median(unknown) - Median(known):F3} ms ({(Median(unknown) - Median(known)) / Median(known):P1})"));
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(folder, recursive: true);
}

static async Task<double> TimeOneAsync(IServiceProvider services, string signInName)
{
    await using var scope = services.CreateAsyncScope();
    var signIn = scope.ServiceProvider.GetRequiredService<LocalAccountSignIn>();
    var db = scope.ServiceProvider.GetRequiredService<IdPDbContext>();
    var watch = Stopwatch.StartNew();
    var result = await signIn.SignInAsync(SignInNameKind.Email, signInName, "Wrong-Password-1", CancellationToken.None);
    watch.Stop();
    if (result is not SignInResult.InvalidCredentials)
    {
        throw new InvalidOperationException($"Expected a plain failure, got {result}.");
    }

    // Keep every round on the common path (no lockout); not timed.
    await db.SignInThrottles.ExecuteDeleteAsync();
    return watch.Elapsed.TotalMilliseconds;
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted[sorted.Count / 2];
}

static void Report(string label, List<double> values)
{
    var sorted = values.Order().ToList();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{label,-34} n={sorted.Count} median={Median(sorted):F3} ms p10={sorted[sorted.Count / 10]:F3} ms p90={sorted[sorted.Count * 9 / 10]:F3} ms"));
}
