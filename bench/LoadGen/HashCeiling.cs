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
/// most full sign-ins per second the machine can do, whatever else the server does (issue 16's definition, the one
/// the target is judged on). Then the same verification on <c>cores</c> threads at once, back to back for
/// <c>--parallel-seconds</c>: the hashes per second the machine really gives when every core hashes. When the cores
/// do not scale (shared or hyper-threaded cores, thermal limits, another tenant), this second ceiling is lower and says
/// how much of a sign-in rate's shortfall is the machine's rather than the server's.
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
        var cores = Environment.ProcessorCount;
        var ceiling = cores * 1000 / median;
        var parallel = Parallel(hasher, account, hash, cores, args.Double("parallel-seconds", 3));
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{{\"system\":\"hash\",\"path\":\"hash\",\"hash_iterations\":{iterations},\"hash_ms\":{median:F2},\"hash_fastest_ms\":{samples[0]:F2},\"cores\":{cores},\"signin_ceiling_per_s\":{ceiling:F2},\"parallel_hashes_per_s\":{parallel:F2}}}");
        Console.WriteLine(line);
        if (args.Optional("out") is { } file)
        {
            File.AppendAllLines(file, [line]);
        }

        return 0;
    }

    // Every thread verifies back to back until the time is up (at least two rounds each); the rate is the hashes
    // completed over the time until the last thread finished its last one.
    private static double Parallel(PasswordHasher<Account> hasher, Account account, string hash, int threads, double seconds)
    {
        var completed = 0L;
        var window = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
        {
            var rounds = 0;
            while (window.Elapsed.TotalSeconds < seconds || rounds < 2)
            {
                if (hasher.VerifyHashedPassword(account, hash, "Bench-Pass-42!") == PasswordVerificationResult.Failed)
                {
                    throw new InvalidOperationException("The hash did not verify.");
                }

                rounds++;
                Interlocked.Increment(ref completed);
            }
        })).ToList();
        workers.ForEach(t => t.Start());
        workers.ForEach(t => t.Join());
        return Interlocked.Read(ref completed) / window.Elapsed.TotalSeconds;
    }
}
