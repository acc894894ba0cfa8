using Microsoft.Extensions.Primitives;

namespace IdP.Server.Keys;

/// <summary>
/// The token keys of every node, read from the database. <see cref="RotateAsync"/> creates keys on first start and a
/// successor ahead of each retirement; <see cref="Current"/> is the loaded snapshot. When a reload finds a different
/// set, the change token fires and OpenIddict's options are rebuilt with the new keys.
/// </summary>
public sealed class KeyRing(IServiceScopeFactory scopes, IDataProtectionProvider protection, TimeProvider time, IOptions<KeyOptions> options, ILogger<KeyRing> logger) : IDisposable
{
    private readonly IDataProtector _protector = protection.CreateProtector("IdP.Keys.v1");
    private readonly Lock _gate = new();
    private KeySet _current = KeySet.Empty;
    private CancellationTokenSource _changed = new();

    /// <summary>The keys as last loaded.</summary>
    public KeySet Current => _current;

    /// <summary>Fires when a reload changes the set of keys.</summary>
    public IChangeToken ChangeToken
    {
        get
        {
            lock (_gate)
            {
                return new CancellationChangeToken(_changed.Token);
            }
        }
    }

    public void Dispose() => _changed.Dispose();

    /// <summary>Creates the first keys, or a successor when the active key retires within the publish-ahead period.</summary>
    public async Task RotateAsync(CancellationToken cancellationToken)
    {
        foreach (var use in Enum.GetValues<KeyUse>())
        {
            await EnsureSuccessionAsync(use, forceNew: false, cancellationToken);
        }

        await ReloadAsync(cancellationToken);
    }

    /// <summary>Publishes a new key of <paramref name="use"/> now, which starts signing after the publish-ahead period.</summary>
    public async Task RotateNowAsync(KeyUse use, CancellationToken cancellationToken)
    {
        await EnsureSuccessionAsync(use, forceNew: true, cancellationToken);
        await ReloadAsync(cancellationToken);
    }

    /// <summary>Reads the key table; signals a change when the set of keys differs from the loaded one.</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IdPDbContext>();
        var now = time.UtcNow();
        var rows = await db.SigningKeys.AsNoTracking().Where(k => k.ExpiresAt > now).ToListAsync(cancellationToken);
        var loaded = new KeySet(rows.OrderBy(k => k.ActivatesAt).Select(Materialize).ToList());

        CancellationTokenSource? fire = null;
        lock (_gate)
        {
            if (!loaded.SameKeysAs(_current))
            {
                _current = loaded;
                fire = _changed;
                _changed = new CancellationTokenSource();
            }
        }

        if (fire is not null)
        {
            Log.KeysLoaded(logger, loaded.Keys.Count);
            await fire.CancelAsync();
            fire.Dispose();
        }
    }

    private async Task EnsureSuccessionAsync(KeyUse use, bool forceNew, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IdPDbContext>();
        var settings = options.Value;
        var now = time.UtcNow();
        var keys = await db.SigningKeys.AsNoTracking().Where(k => k.Use == use && k.ExpiresAt > now).ToListAsync(cancellationToken);
        var latest = keys.OrderByDescending(k => k.Generation).FirstOrDefault();
        var generation = await db.SigningKeys.Where(k => k.Use == use).Select(k => (int?)k.Generation).MaxAsync(cancellationToken) ?? 0;

        DateTimeOffset activatesAt;
        if (latest is null || latest.RetiresAt <= now)
        {
            // First start (or every key retired while the service was down): sign at once, nothing to hand over from.
            activatesAt = now;
        }
        else if (forceNew || latest.RetiresAt - now <= settings.PublishAhead)
        {
            if (!forceNew && latest.ActivatesAt > now)
            {
                return; // A successor is already published and waiting.
            }

            activatesAt = forceNew ? now + settings.PublishAhead : latest.RetiresAt;
        }
        else
        {
            return;
        }

        var key = new SigningKey
        {
            Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            Use = use,
            Generation = generation + 1,
            ProtectedMaterial = _protector.Protect(CreateMaterial(use)),
            CreatedAt = now,
            ActivatesAt = activatesAt,
            RetiresAt = activatesAt + settings.SigningPeriod,
            ExpiresAt = activatesAt + settings.SigningPeriod + settings.KeepAfterRetirement,
        };

        if (latest is not null && latest.RetiresAt > activatesAt)
        {
            // The predecessor stops at the successor's start; it still validates until its own expiry.
            await db.SigningKeys.Where(k => k.Id == latest.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.RetiresAt, activatesAt).SetProperty(k => k.ExpiresAt, activatesAt + settings.KeepAfterRetirement), cancellationToken);
        }

        // When another node created this generation first (unique index on use and generation), theirs is used: the
        // insert does nothing, without a duplicate-key error in the logs.
        if (await db.TryInsertAsync(db.SigningKeys, key, cancellationToken))
        {
            Log.KeyCreated(logger, use, key.Id, activatesAt);
        }
    }

    private static string CreateMaterial(KeyUse use)
    {
        if (use == KeyUse.Encryption)
        {
            return Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        }

        using var rsa = RSA.Create(2048);
        return Convert.ToBase64String(rsa.ExportRSAPrivateKey());
    }

    private LoadedKey Materialize(SigningKey row)
    {
        var material = Convert.FromBase64String(_protector.Unprotect(row.ProtectedMaterial));
        SecurityKey key;
        if (row.Use == KeyUse.Encryption)
        {
            key = new SymmetricSecurityKey(material) { KeyId = row.Id };
        }
        else
        {
            var rsa = RSA.Create();
            rsa.ImportRSAPrivateKey(material, out _);
            key = new RsaSecurityKey(rsa) { KeyId = row.Id };
        }

        return new LoadedKey(row.Id, row.Use, key, row.ActivatesAt, row.RetiresAt, row.ExpiresAt);
    }
}

/// <summary>A key ready for use, with its schedule.</summary>
public sealed record LoadedKey(string Id, KeyUse Use, SecurityKey Key, DateTimeOffset ActivatesAt, DateTimeOffset RetiresAt, DateTimeOffset ExpiresAt);

/// <summary>A snapshot of the usable keys.</summary>
public sealed record KeySet(IReadOnlyList<LoadedKey> Keys)
{
    public static KeySet Empty { get; } = new([]);

    /// <summary>The key that protects new tokens of <paramref name="use"/> at <paramref name="now"/>: the newest active one.</summary>
    public LoadedKey? Active(KeyUse use, DateTimeOffset now) =>
        Keys.Where(k => k.Use == use && k.ActivatesAt <= now && k.RetiresAt > now).MaxBy(k => k.ActivatesAt)
        ?? Keys.Where(k => k.Use == use && k.ActivatesAt <= now).MaxBy(k => k.ActivatesAt);

    internal bool SameKeysAs(KeySet other) =>
        Keys.Select(k => (k.Id, k.RetiresAt, k.ExpiresAt)).SequenceEqual(other.Keys.Select(k => (k.Id, k.RetiresAt, k.ExpiresAt)));
}
