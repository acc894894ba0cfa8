namespace IdP.Server.Tests.Clients;

/// <summary>
/// The npm project in <c>tests/clients</c>: installs its pinned packages when they are missing or its manifests changed
/// (so a warm checkout does not pay for <c>npm ci</c> on every run), then runs one of its test files with node's runner.
/// </summary>
public static class ClientsProject
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly SemaphoreSlim InstallGate = new(1, 1);
    private static bool _installed;

    /// <summary>tests/clients in the checkout these tests were built from.</summary>
    public static string Folder { get; } = Path.Combine(RepositoryPaths.Root, "tests", "clients");

    /// <summary>Runs <c>node --test</c> on <paramref name="testFile"/> (relative to <see cref="Folder"/>).</summary>
    public static async Task<ProcessOutcome> TestAsync(string testFile, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var install = await EnsureInstalledAsync();
        if (!install.Succeeded)
        {
            return install with { Output = "npm ci failed:\n" + install.Output };
        }

        return await NodeProcess.RunAsync("node", ["--test", "--test-reporter=spec", testFile], Folder, environment, timeout);
    }

    private static async Task<ProcessOutcome> EnsureInstalledAsync()
    {
        await InstallGate.WaitAsync();
        try
        {
            var stamp = Path.Combine(Folder, "node_modules", ".idp-package-lock.sha256");
            // Both files: npm ci refuses a package.json the lock file does not match, and that must show here too.
            var manifests = (await File.ReadAllBytesAsync(Path.Combine(Folder, "package.json")))
                .Concat(await File.ReadAllBytesAsync(Path.Combine(Folder, "package-lock.json")))
                .ToArray();
            var lockHash = Convert.ToHexString(SHA256.HashData(manifests));
            if (_installed || (File.Exists(stamp) && await File.ReadAllTextAsync(stamp) == lockHash))
            {
                _installed = true;
                return new ProcessOutcome(0, "");
            }

            // npm ci installs exactly the lock file (and removes anything else), which is what CI must test.
            var outcome = await NodeProcess.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], Folder, new Dictionary<string, string>(), InstallTimeout);
            if (outcome.Succeeded)
            {
                await File.WriteAllTextAsync(stamp, lockHash);
                _installed = true;
            }

            return outcome;
        }
        finally
        {
            InstallGate.Release();
        }
    }
}
