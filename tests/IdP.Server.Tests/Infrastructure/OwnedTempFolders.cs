namespace IdP.Server.Tests.Infrastructure;

/// <summary>
/// Temp folders that must not outlive the test run (throwaway PostgreSQL clusters, the test CA's key), and the clean-up
/// of those an earlier run left behind. Clean-up at process exit cannot be relied on: the test runner ends the test host
/// moments after the last test, often before a cluster is stopped and its folder deleted. Left alone, each run would
/// leave a cluster on disk (at times still running) until the disk is full. So each folder names the test process that
/// owns it, and the folders whose owner is gone are released and removed before new ones are made. A folder of another
/// test run still going is left alone.
/// </summary>
internal static class OwnedTempFolders
{
    private const string OwnerFile = "owner-pid";

    /// <summary>A new folder under the temp folder, named <paramref name="prefix"/>…, owned by this process.</summary>
    public static string Create(string prefix)
    {
        var root = Directory.CreateTempSubdirectory(prefix).FullName;
        File.WriteAllText(Path.Combine(root, OwnerFile), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        return root;
    }

    /// <summary>
    /// Removes the folders named <paramref name="prefix"/>… whose owner has ended, after <paramref name="release"/> (such
    /// as stopping the cluster in it).
    /// </summary>
    public static async Task RemoveAbandonedAsync(string prefix, Func<string, Task>? release = null)
    {
        foreach (var root in Directory.EnumerateDirectories(Path.GetTempPath(), prefix + "*").Where(IsAbandoned))
        {
            if (release is not null)
            {
                await release(root);
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
