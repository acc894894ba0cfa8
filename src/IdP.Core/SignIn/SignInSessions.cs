namespace IdP.Core.SignIn;

/// <summary>Starts, checks, lists and ends server-side sign-in sessions (<see cref="SignInSession"/>).</summary>
public sealed class SignInSessions(IIdPDbContext db, TimeProvider time, IOptions<SignInOptions> options)
{
    /// <summary>How stale <see cref="SignInSession.LastSeenAt"/> may be before a use writes it again.</summary>
    public static readonly TimeSpan LastSeenResolution = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Starts a session for an account that just proved its credentials: it ends <paramref name="keepFor"/> after
    /// sign-in when the user chose "Keep me signed in" (<see cref="KeepMeSignedIn"/>), otherwise after
    /// <see cref="SignInOptions.SessionMaxAge"/>.
    /// </summary>
    public async Task<SignInSession> StartAsync(Guid accountId, DateTimeOffset authenticatedAt, TimeSpan? keepFor, string? ipAddress, string? userAgent, CancellationToken cancellationToken)
    {
        var now = time.UtcNow();
        var session = new SignInSession
        {
            Id = Guid.NewGuid(),
            AccountId = accountId,
            AuthenticatedAt = authenticatedAt,
            LastSeenAt = now,
            ExpiresAt = authenticatedAt + (keepFor ?? options.Value.SessionMaxAge),
            IpAddress = ipAddress,
            UserAgent = userAgent is { Length: > 256 } ? userAgent[..256] : userAgent,
        };
        db.SignInSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(session).State = EntityState.Detached;
        return session;
    }

    /// <summary>The session if it stands (not ended, not past its absolute end) for that account; notes its use.</summary>
    public async Task<SignInSession?> UseAsync(Guid sessionId, Guid accountId, CancellationToken cancellationToken)
    {
        var now = time.UtcNow();
        var session = await db.SignInSessions.AsNoTracking()
            .FirstOrDefaultAsync(s => s.Id == sessionId && s.AccountId == accountId && s.EndedAt == null && s.ExpiresAt > now, cancellationToken);
        if (session is not null && now - session.LastSeenAt >= LastSeenResolution)
        {
            await db.SignInSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now), cancellationToken);
        }

        return session;
    }

    /// <summary>
    /// Moves the end of a standing kept session to <paramref name="keepFor"/> from now (a rolling "Keep me signed in"
    /// session used again); returns the new end, or null when the session no longer stands.
    /// </summary>
    public async Task<DateTimeOffset?> ExtendAsync(Guid sessionId, TimeSpan keepFor, CancellationToken cancellationToken)
    {
        var now = time.UtcNow();
        var end = now + keepFor;
        return await db.SignInSessions.Where(s => s.Id == sessionId && s.EndedAt == null && s.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ExpiresAt, end), cancellationToken) > 0 ? end : null;
    }

    /// <summary>Ends one session (sign-out, or an administrator revoking it).</summary>
    public async Task<bool> EndAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        var now = time.UtcNow();
        return await db.SignInSessions.Where(s => s.Id == sessionId && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now), cancellationToken) > 0;
    }

    /// <summary>Ends every session of an account; returns how many stood.</summary>
    public Task<int> EndAllAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var now = time.UtcNow();
        return db.SignInSessions.Where(s => s.AccountId == accountId && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now), cancellationToken);
    }

    /// <summary>The account's standing sessions, most recently used first.</summary>
    public Task<List<SignInSession>> ListAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var now = time.UtcNow();
        return db.SignInSessions.AsNoTracking()
            .Where(s => s.AccountId == accountId && s.EndedAt == null && s.ExpiresAt > now)
            .OrderByDescending(s => s.LastSeenAt)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Removes sessions that ended or expired before <paramref name="cutoff"/>.</summary>
    public Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        db.SignInSessions.Where(s => (s.EndedAt != null && s.EndedAt < cutoff) || s.ExpiresAt < cutoff).ExecuteDeleteAsync(cancellationToken);
}
