using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace IdP.Server.Admin.Portal;

/// <summary>
/// Counts failed or refused portal sign-ins per client address and refuses new attempts from an address with more than
/// <see cref="PortalOptions.MaxFailedSignIns"/> in the last <see cref="PortalOptions.FailureWindowMinutes"/>. Passwords
/// themselves are throttled per account by the sign-in flow (<c>SignInLockout</c>, in the database); this only slows
/// down someone hammering the portal's own sign-in (non-administrators, forged callbacks). Kept in memory, per node:
/// a restart forgets it, which costs an attacker nothing the account lockout does not already stop.
/// </summary>
internal sealed class PortalSignInThrottle(TimeProvider time, IOptionsMonitor<PortalOptions> options)
{
    private const int MaxTrackedAddresses = 10_000;
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.Ordinal);

    public bool IsThrottled(HttpContext http)
    {
        if (!_failures.TryGetValue(Key(http), out var failures))
        {
            return false;
        }

        lock (failures)
        {
            Trim(failures);
            return failures.Count >= options.CurrentValue.MaxFailedSignIns;
        }
    }

    public void RecordFailure(HttpContext http)
    {
        if (_failures.Count >= MaxTrackedAddresses)
        {
            // Bounded memory: forget addresses whose failures have all aged out.
            foreach (var (key, queue) in _failures)
            {
                lock (queue)
                {
                    Trim(queue);
                    if (queue.Count == 0)
                    {
                        _failures.TryRemove(key, out _);
                    }
                }
            }
        }

        var failures = _failures.GetOrAdd(Key(http), _ => new Queue<DateTimeOffset>());
        lock (failures)
        {
            Trim(failures);
            failures.Enqueue(time.GetUtcNow());
        }
    }

    private void Trim(Queue<DateTimeOffset> failures)
    {
        var since = time.GetUtcNow() - TimeSpan.FromMinutes(options.CurrentValue.FailureWindowMinutes);
        while (failures.Count > 0 && failures.Peek() <= since)
        {
            failures.Dequeue();
        }
    }

    private static string Key(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
