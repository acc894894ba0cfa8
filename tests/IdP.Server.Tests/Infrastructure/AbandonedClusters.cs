namespace IdP.Server.Tests.Infrastructure;

/// <summary>
/// The folders of the throwaway PostgreSQL clusters, and the clean-up of those an earlier test run left behind. The
/// clean-up at process exit cannot be relied on: the test runner ends the test host moments after the last test, often
/// before a cluster is stopped and its folder deleted. Left alone, each run would leave a cluster on disk (and at times
/// running), until the disk is full. So each folder names the test process that owns it, and before a cluster starts,
/// the clusters whose owner is gone are stopped and removed. A cluster of another test run still going is left alone.
/// </summary>
internal static class AbandonedClusters
{
    private const string Pattern = "idp-pg-*";
    private const string OwnerFile = "owner-pid";

    /// <summary>A new folder for a cluster (under the temp folder, named <paramref name="prefix"/>…), owned by this process.</summary>
    public static string CreateFolder(string prefix)
    {
        var root = Directory.CreateTempSubdirectory(prefix).FullName;
        File.WriteAllText(Path.Combine(root, OwnerFile), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        return root;
    }

    /// <summary>Stops and deletes the clusters of test processes that have ended.</summary>
    public static async Task RemoveAsync(string bin)
    {
        var asRoot = Environment.UserName == "root";
        foreach (var root in Directory.EnumerateDirectories(Path.GetTempPath(), Pattern).Where(IsAbandoned))
        {
            var data = Path.Combine(root, "data");
            if (File.Exists(Path.Combine(data, "postmaster.pid")))
            {
                try
                {
                    await TestPostgres.RunToolAsync(bin, "pg_ctl", $"-D {data} -m immediate -w stop", asRoot);
                }
                catch (InvalidOperationException)
                {
                    // The server had already stopped (a stale pid file): nothing to stop.
                }
            }

            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another run removing it at the same time, or a folder this user may not delete: not this run's concern.
            }
        }
    }

    private static bool IsAbandoned(string root)
    {
        var owner = Path.Combine(root, OwnerFile);
        if (!File.Exists(owner))
        {
            // Made by a version without owner files, or being made right now (the owner file follows the folder).
            return Directory.GetLastWriteTimeUtc(root) < DateTime.UtcNow.AddHours(-1);
        }

        return !int.TryParse(File.ReadAllText(owner), CultureInfo.InvariantCulture, out var pid) || !IsRunning(pid);
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
