using System.Diagnostics;
using System.Globalization;
using IdP.Core.Accounts;
using IdP.Core.Passwords;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace IdP.LoadGen;

/// <summary>
/// The sign-in ceiling: one password verification at the configured cost (the server's own PasswordHasher and
/// iteration count, OWASP's floor unless <c>--iterations</c> says more), timed on one thread. Cores ÷ that time is the
/// most full sign-ins per second the machine can do, whatever else the server does.
/// </summary>
internal static class HashCeiling
{
    public static int Run(Arguments args)
    {
        var iterations = args.Int("iterations", PasswordHashingOptions.MinimumIterations);
        var hasher = new PasswordHasher<Account>(Options.Create(new PasswordHasherOptions { IterationCount = iterations }));
        var account = new Account();
        var hash = hasher.HashPassword(account, "Bench-Pass-42!");
        hasher.VerifyHashedPassword(account, hash, "Bench-Pass-42!");

        var samples = new List<double>();
        var until = Stopwatch.StartNew();
        while (until.Elapsed.TotalSeconds < args.Double("seconds", 3) || samples.Count < 5)
        {
            var started = Stopwatch.GetTimestamp();
            if (hasher.VerifyHashedPassword(account, hash, "Bench-Pass-42!") == PasswordVerificationResult.Failed)
            {
                throw new InvalidOperationException("The hash did not verify.");
            }

            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        samples.Sort();
        var median = samples[samples.Count / 2];
        var ceiling = Environment.ProcessorCount * 1000 / median;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"hash_iterations\":{iterations},\"hash_ms\":{median:F2},\"hash_fastest_ms\":{samples[0]:F2},\"cores\":{Environment.ProcessorCount},\"signin_ceiling_per_s\":{ceiling:F1}}}"));
        if (args.Optional("out") is { } file)
        {
            File.AppendAllLines(file, [string.Create(CultureInfo.InvariantCulture,
                $"{{\"system\":\"hash\",\"path\":\"hash\",\"hash_iterations\":{iterations},\"hash_ms\":{median:F2},\"hash_fastest_ms\":{samples[0]:F2},\"signin_ceiling_per_s\":{ceiling:F1}}}")]);
        }

        return 0;
    }
}
