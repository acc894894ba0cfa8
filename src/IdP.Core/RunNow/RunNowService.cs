namespace IdP.Core.RunNow;

/// <summary>
/// Keeps runs between the run-now URL and the viewer. A run is found only by the browser that started it, only before
/// it expires, and only once: marking it shown is a single conditional update, so two tabs or nodes cannot both show it.
/// </summary>
public sealed class RunNowService(IIdPDbContext db, TimeProvider time, IOptions<RunNowOptions> options)
{
    /// <summary>Longest <c>state</c> we look up; ours are 43 characters.</summary>
    private const int MaxStateLength = 64;

    /// <summary>
    /// Starts a run for the browser holding <paramref name="bindingSecret"/>, with the state and nonce of its authorize
    /// request (fresh values from <see cref="NewValue"/>).
    /// </summary>
    public async Task<RunNowRun> StartAsync(RunNowStart start, string bindingSecret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentException.ThrowIfNullOrEmpty(bindingSecret);
        var now = time.UtcNow();

        // Runs never finished are removed by the server's housekeeping a day after they expire (so "expired" stays
        // distinguishable from "unknown" meanwhile), not here on every start.
        var run = new RunNowRun
        {
            State = start.State,
            Nonce = start.Nonce,
            BindingHash = JourneyService.HashBinding(bindingSecret),
            Policy = start.Policy,
            TenantSegment = start.TenantSegment,
            ClientId = start.ClientId,
            RedirectUri = start.RedirectUri,
            ResponseType = start.ResponseType.ToWireValue(),
            ProtectedCodeVerifier = start.ProtectedCodeVerifier,
            RunAgainUrl = start.RunAgainUrl,
            CreatedAt = now,
            ExpiresAt = now + options.Value.RunLifetime,
        };
        db.RunNowRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        return run;
    }

    /// <summary>Finds the run a response belongs to and marks it shown; see <see cref="RunNowRedemption"/>.</summary>
    public async Task<RunNowRedemption> RedeemAsync(string? state, string? bindingSecret, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(state) || state.Length > MaxStateLength || string.IsNullOrEmpty(bindingSecret))
        {
            return new RunNowRedemption.Unknown();
        }

        var run = await db.RunNowRuns.AsNoTracking().FirstOrDefaultAsync(r => r.State == state, cancellationToken);
        if (run is null || !BelongsTo(run, bindingSecret))
        {
            return new RunNowRedemption.Unknown();
        }

        if (run.CompletedAt is not null)
        {
            return new RunNowRedemption.AlreadyShown(run);
        }

        var now = time.UtcNow();
        if (run.ExpiresAt <= now)
        {
            return new RunNowRedemption.Expired(run);
        }

        var claimed = await db.RunNowRuns
            .Where(r => r.State == state && r.CompletedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.CompletedAt, now), cancellationToken);
        if (claimed != 1)
        {
            return new RunNowRedemption.AlreadyShown(run);
        }

        run.CompletedAt = now;
        return new RunNowRedemption.Redeemed(run);
    }

    private static bool BelongsTo(RunNowRun run, string bindingSecret) =>
        CryptographicOperations.FixedTimeEquals(Convert.FromHexString(run.BindingHash), Convert.FromHexString(JourneyService.HashBinding(bindingSecret)));

    /// <summary>A fresh random <c>state</c> or <c>nonce</c>: 256 bits, base64url.</summary>
    public static string NewValue() => JourneyService.Base64Url(RandomNumberGenerator.GetBytes(32));
}
