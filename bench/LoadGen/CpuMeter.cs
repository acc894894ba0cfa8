using System.Globalization;
using System.Runtime.InteropServices;

namespace IdP.LoadGen;

/// <summary>
/// CPU time of the processes under test, read from /proc: the server (one process), PostgreSQL (the postmaster and its
/// backends, which a pooled server keeps alive for the whole run) and this process or its waited-for children (wrk).
/// CPU per operation stays meaningful on a shared, busy machine where requests per second do not.
/// </summary>
internal static partial class CpuMeter
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>CPU seconds used so far by <paramref name="pid"/> (0 when it is not there).</summary>
    public static double Process(int? pid)
    {
        if (pid is not { } id || !TryReadStat(id, out var fields))
        {
            return 0;
        }

        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    /// <summary>CPU seconds used so far by <paramref name="pid"/> and its direct children (PostgreSQL's backends).</summary>
    public static double Tree(int? pid)
    {
        if (pid is not { } root)
        {
            return 0;
        }

        var total = Process(root);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id != root
                && TryReadStat(id, out var fields) && fields[1] == root.ToString(CultureInfo.InvariantCulture))
            {
                total += (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
            }
        }

        return total;
    }

    /// <summary>Resident memory of <paramref name="pid"/> in MiB.</summary>
    public static double ResidentMiB(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
            }
        }

        return 0;
    }

    /// <summary>CPU seconds of every child this process has waited for (wrk after it exits).</summary>
    public static double Children()
    {
        if (GetRUsage(-1, out var usage) != 0)
        {
            return 0;
        }

        return usage.UserSeconds + usage.UserMicroseconds / 1e6 + usage.SystemSeconds + usage.SystemMicroseconds / 1e6;
    }

    // Fields after the command name (which may hold spaces), so index 0 is the state, 1 the parent, 11 utime, 12 stime.
    private static bool TryReadStat(int pid, out string[] fields)
    {
        fields = [];
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    // struct rusage on 64-bit Linux: two timevals, then 14 longs this meter does not read.
    [StructLayout(LayoutKind.Sequential, Size = 144)]
    private struct RUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
    }

    [LibraryImport("libc", EntryPoint = "getrusage")]
    private static partial int GetRUsage(int who, out RUsage usage);
}
