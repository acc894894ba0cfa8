using Microsoft.EntityFrameworkCore.Query;

namespace IdP.Core.SignIn;

/// <summary>Starts, checks, lists and ends server-side sign-in sessions (<see cref="SignInSession"/>).</summary>
public sealed class SignInSessions(IIdPDbContext db, TimeProvider time, IOptions<SignInOptions> options)
{
    /// <summary>How stale <see cref="SignInSession.LastSeenAt"/> may be before a use writes it again.</summary>
    public static readonly TimeSpan LastSeenResolution = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Starts a session for an account that just proved its credentials for <paramref name="use"/>: it ends
    /// <paramref name="keepFor"/> after sign-in when the user chose "Keep me signed in" (<see cref="KeepMeSignedIn"/>),
    /// otherwise after <see cref="SignInOptions.SessionMaxAge"/>. The apps and flows the browser's standing session
    /// <paramref name="replacing"/> was used by carry over when it is the same account's (the person proved it again:
    /// a password asked by an Application- or Policy-scoped flow adds to what the browser's session covers instead of
    /// taking away what it covered); another account's do not. So does a second factor the same account's standing session
    /// began with (<paramref name="multifactor"/> says whether this sign-in proved one). The standing session it replaces ends: the browser's
    /// cookie now names the new one, and a copy of the old cookie taken before must not keep signing anyone in.
    /// </summary>
    public async Task<SignInSession> StartAsync(Guid accountId, DateTimeOffset authenticatedAt, TimeSpan? keepFor, SessionUse use, bool multifactor, SignInSession? replacing, string? ipAddress, string? userAgent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(use);
        var now = time.UtcNow();
        var carried = replacing?.AccountId == accountId ? replacing : null;
        var session = new SignInSession
        {
            Id = Guid.NewGuid(),
            AccountId = accountId,
            AuthenticatedAt = authenticatedAt,
            LastSeenAt = now,
            ExpiresAt = authenticatedAt + (keepFor ?? options.Value.SessionMaxAge),
            IpAddress = ipAddress,
            UserAgent = userAgent is { Length: > 256 } ? userAgent[..256] : userAgent,
            UsedByApplications = use.ClientId is { Length: > 0 } clientId ? SingleSignOn.Add(carried?.UsedByApplications ?? "", clientId) : carried?.UsedByApplications ?? "",
            UsedOnFlows = SingleSignOn.Add(carried?.UsedOnFlows ?? "", use.FlowEntry),
            MultifactorAuthenticated = multifactor || carried?.MultifactorAuthenticated == true,
        };
        db.SignInSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        if (replacing is not null)
        {
            await EndAsync(replacing.Id, cancellationToken);
        }

        db.Entry(session).State = EntityState.Detached;
        return session;
    }

    /// <summary>
    /// Notes that the standing <paramref name="session"/> (as read for this request) signed the user in silently for
    /// <paramref name="use"/>. Nothing is written when its lists hold both already; otherwise each missing entry is
    /// added in one statement that keeps a list as it is when it holds the entry by then (another request may have
    /// added it since the row was read), so parallel uses of one session lose none.
    /// </summary>
    public async Task NoteUseAsync(SignInSession session, SessionUse use, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(use);
        var app = use.ClientId is { Length: > 0 } clientId && !SingleSignOn.Lists(session.UsedByApplications, clientId) ? clientId : null;
        var flow = SingleSignOn.Lists(session.UsedOnFlows, use.FlowEntry) ? null : use.FlowEntry;
        if (app is null && flow is null)
        {
            return;
        }

        await db.SignInSessions.Where(s => s.Id == session.Id && s.EndedAt == null).ExecuteUpdateAsync(s =>
        {
            if (app is not null)
            {
                var listed = SingleSignOn.Delimited(app);
                var added = app + SingleSignOn.Separator;
                s.SetProperty(x => x.UsedByApplications, x => (SingleSignOn.Separator + x.UsedByApplications).Contains(listed) ? x.UsedByApplications : x.UsedByApplications + added);
            }

            if (flow is not null)
            {
                var listed = SingleSignOn.Delimited(flow);
                var added = flow + SingleSignOn.Separator;
                s.SetProperty(x => x.UsedOnFlows, x => (SingleSignOn.Separator + x.UsedOnFlows).Contains(listed) ? x.UsedOnFlows : x.UsedOnFlows + added);
            }
        }, cancellationToken);
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

    /// <summary>
    /// Ends one session (sign-out, or an administrator revoking it), and forgets which apps and flows it was used by:
    /// the row stays until housekeeping only to say when it ended.
    /// </summary>
    public async Task<bool> EndAsync(Guid sessionId, CancellationToken cancellationToken) =>
        await db.SignInSessions.Where(s => s.Id == sessionId && s.EndedAt == null).ExecuteUpdateAsync(EndedNow(), cancellationToken) > 0;

    /// <summary>Ends every session of an account, forgetting what each was used by (<see cref="EndAsync"/>); returns how many stood.</summary>
    public Task<int> EndAllAsync(Guid accountId, CancellationToken cancellationToken) =>
        db.SignInSessions.Where(s => s.AccountId == accountId && s.EndedAt == null).ExecuteUpdateAsync(EndedNow(), cancellationToken);

    // What ending a session writes, however many end at once: when, and that it covers no app, flow or second factor any more.
    private Action<UpdateSettersBuilder<SignInSession>> EndedNow()
    {
        var now = time.UtcNow();
        return s => s.SetProperty(x => x.EndedAt, now).SetProperty(x => x.UsedByApplications, "").SetProperty(x => x.UsedOnFlows, "").SetProperty(x => x.MultifactorAuthenticated, false);
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
