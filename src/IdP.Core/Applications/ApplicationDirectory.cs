namespace IdP.Core.Applications;

/// <summary>
/// Read-only questions about registered applications, asked while requests are served: the protocol engine's secret
/// and reply URL checks, CORS, the token endpoint's SPA rules. Changes go through <see cref="AppRegistrationService"/>.
/// One instance serves one request (scoped), and an application it read is answered from that read for the rest of the
/// request: the secret check, the reply URL check and the token endpoint ask about the same client, and each asking the
/// database was a round trip of its own (issue 16). Across requests, <see cref="FindAsync"/> answers from this node's
/// <see cref="ApplicationCache"/> while the <see cref="ConfigurationStamp"/> has not moved: a change (a revoked secret
/// too) committed on any node moves it, so the next request on every node reads the application afresh.
/// </summary>
public sealed class ApplicationDirectory(IIdPDbContext db, TimeProvider time, ConfigurationStamp stamp, ApplicationCache cache)
{
    private readonly Dictionary<string, Application?> _read = new(StringComparer.Ordinal);

    /// <summary>The application with <paramref name="clientId"/>, with its secrets, or null.</summary>
    public async Task<Application?> FindAsync(string? clientId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(clientId))
        {
            return null;
        }

        if (!_read.TryGetValue(clientId, out var application))
        {
            // The stamp first: what is loaded after it is never older than the stamp it is filed under.
            var current = await stamp.CurrentAsync(cancellationToken);
            var kept = await cache.ByClientId.GetOrLoadAsync(current, clientId, db, LoadAsync, cancellationToken);
            application = kept is null ? null : ApplicationCache.Copy(kept);
            _read[clientId] = application;
        }

        return application;
    }

    // Filed as loaded: the cache's copy is never handed out (each request gets its own copy of it).
    private static Task<Application?> LoadAsync(IIdPDbContext db, string clientId, CancellationToken cancellationToken) =>
        db.Applications.AsNoTracking().Include(a => a.Secrets).FirstOrDefaultAsync(a => a.ClientId == clientId, cancellationToken);

    /// <summary>Every application, by display name.</summary>
    public Task<List<Application>> ListAsync(CancellationToken cancellationToken) =>
        db.Applications.AsNoTracking().Include(a => a.Secrets).OrderBy(a => a.DisplayName).ThenBy(a => a.ClientId).ToListAsync(cancellationToken);

    /// <summary>True when <paramref name="secret"/> is an unexpired secret of the application.</summary>
    public async Task<bool> VerifySecretAsync(string clientId, string secret, CancellationToken cancellationToken)
    {
        var now = time.UtcNow();
        var candidates = (await FindAsync(clientId, cancellationToken))?.Secrets ?? [];

        // Every candidate is checked (no early exit), so timing does not tell which secret matched.
        var matched = false;
        foreach (var candidate in candidates)
        {
            matched |= ClientSecretHasher.Verify(secret, candidate.Hash) && candidate.IsActiveAt(now);
        }

        return matched;
    }

    /// <summary>The platform <paramref name="redirectUri"/> is registered on for the application, or null when it is not registered.</summary>
    public async Task<AppPlatform?> PlatformOfAsync(string clientId, string redirectUri, CancellationToken cancellationToken)
    {
        var uris = (await FindAsync(clientId, cancellationToken))?.RedirectUris;
        return uris?.FirstOrDefault(r => RedirectUriRules.Matches(r.Platform, r.Uri, redirectUri))?.Platform;
    }

    /// <summary>
    /// True when <paramref name="origin"/> is the origin of a SPA reply URL: of <paramref name="clientId"/>, or of any
    /// application when the client is not known yet (a CORS preflight carries no body).
    /// </summary>
    public async Task<bool> IsSpaOriginAsync(string origin, string? clientId, CancellationToken cancellationToken)
    {
        var candidates = clientId is null
            ? await db.Applications.AsNoTracking().Select(a => a.RedirectUris).ToListAsync(cancellationToken)
            : await db.Applications.AsNoTracking().Where(a => a.ClientId == clientId).Select(a => a.RedirectUris).ToListAsync(cancellationToken);
        return candidates.SelectMany(uris => uris)
            .Any(r => r.Platform == AppPlatform.Spa && string.Equals(RedirectUriRules.Origin(r.Uri), origin, StringComparison.OrdinalIgnoreCase));
    }
}
