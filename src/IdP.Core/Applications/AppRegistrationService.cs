namespace IdP.Core.Applications;

/// <summary>
/// Registers, changes and deletes applications (configuration at start-up, the admin API, tests), and answers the
/// questions the protocol asks about them: is this secret one of the client's, is this origin one of its SPAs.
/// Every change is checked by <see cref="AppRegistrationRules"/>, stored, and mirrored to the protocol engine in one
/// transaction.
/// </summary>
public sealed class AppRegistrationService(IIdPDbContext db, IApplicationProtocolStore protocol, AppRegistrationPolicy policy, TimeProvider time)
{
    /// <summary>Longest a generated secret may live (B2C: 24 months).</summary>
    public static readonly TimeSpan MaxSecretLifetime = TimeSpan.FromDays(730);

    /// <summary>A generated secret's lifetime when none is asked for (B2C's recommended 6 months).</summary>
    public static readonly TimeSpan DefaultSecretLifetime = TimeSpan.FromDays(180);

    /// <summary>
    /// Creates the application, or brings an existing one (same client id) to <paramref name="registration"/>. Secrets
    /// in the registration replace the previously configured ones; generated secrets are kept.
    /// </summary>
    public async Task<AppChange> SaveAsync(AppRegistration registration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var errors = AppRegistrationRules.Check(registration, policy.AllowPlainHttp).ToList();
        if (errors.Count > 0)
        {
            return new AppChange.Invalid(errors);
        }

        await using var transaction = await db.BeginOrJoinTransactionAsync(cancellationToken);
        var application = await db.Applications.Include(a => a.Secrets).FirstOrDefaultAsync(a => a.ClientId == registration.ClientId, cancellationToken);
        var others = await db.Applications.AsNoTracking().Where(a => a.ClientId != registration.ClientId).ToListAsync(cancellationToken);
        errors.AddRange(CheckAgainst(registration, others));
        if (errors.Count > 0)
        {
            return new AppChange.Invalid(errors);
        }

        var now = time.UtcNow();
        if (application is null)
        {
            application = new Application { Id = Guid.NewGuid(), ClientId = registration.ClientId, DisplayName = registration.DisplayName, CreatedAt = now };
            db.Applications.Add(application);
        }

        var appIdUriChanged = application.AppIdUri != registration.AppIdUri || !application.ApiScopes.SequenceEqual(registration.ApiScopes);
        Apply(application, registration, others);
        if (!registration.KeepConfiguredSecrets)
        {
            ReplaceConfiguredSecrets(application, registration, now);
        }

        application.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);

        await protocol.SaveAsync(Resolve(application, others), cancellationToken);
        if (appIdUriChanged)
        {
            // Clients with permissions on this API request its scopes by App ID URI: their protocol view changes too.
            await ResyncDependentsAsync(application, others, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new AppChange.Saved(application);
    }

    /// <summary>Makes a new secret for the application; its value is returned once and only its hash is kept.</summary>
    public async Task<SecretCreation> AddSecretAsync(string clientId, string? description, DateTimeOffset? expiresAt, CancellationToken cancellationToken)
    {
        var now = time.UtcNow();
        var expiry = expiresAt ?? now + DefaultSecretLifetime;
        var errors = new List<AppRegistrationError>();
        if (expiry <= now || expiry > now + MaxSecretLifetime)
        {
            errors.Add(new("expiresAt", AdminText.AppSecretExpiry(MaxSecretLifetime.TotalDays)));
        }

        if (description is { Length: > 256 })
        {
            errors.Add(new("description", AdminText.AppSecretDescriptionTooLong));
        }

        if (errors.Count > 0)
        {
            return new SecretCreation.Invalid(errors);
        }

        await using var transaction = await db.BeginOrJoinTransactionAsync(cancellationToken);
        var application = await db.Applications.Include(a => a.Secrets).FirstOrDefaultAsync(a => a.ClientId == clientId, cancellationToken);
        if (application is null)
        {
            return new SecretCreation.NotFound();
        }

        if (application.Secrets.Count >= AppRegistrationRules.MaxSecrets)
        {
            return new SecretCreation.Invalid([new("clientSecrets", AdminText.AppTooManySecretsRemoveOne(AppRegistrationRules.MaxSecrets))]);
        }

        var value = ClientSecretHasher.Generate();
        var secret = new ClientSecret
        {
            Id = Guid.NewGuid(),
            ApplicationId = application.Id,
            Hash = ClientSecretHasher.HashGenerated(value),
            Hint = ClientSecretHasher.Hint(value),
            Description = description,
            Source = ClientSecretSource.Generated,
            CreatedAt = now,
            ExpiresAt = expiry,
        };
        var becameConfidential = !application.IsConfidential;
        application.Secrets.Add(secret);
        application.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        if (becameConfidential)
        {
            await protocol.SaveAsync(Resolve(application, await OthersAsync(application, cancellationToken)), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new SecretCreation.Created(secret, value);
    }

    /// <summary>Removes one secret; the last one removed makes the application a public client again.</summary>
    public async Task<AppChange> RemoveSecretAsync(string clientId, Guid secretId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.BeginOrJoinTransactionAsync(cancellationToken);
        var application = await db.Applications.Include(a => a.Secrets).FirstOrDefaultAsync(a => a.ClientId == clientId, cancellationToken);
        var secret = application?.Secrets.FirstOrDefault(s => s.Id == secretId);
        if (application is null || secret is null)
        {
            return new AppChange.NotFound();
        }

        application.Secrets.Remove(secret);
        application.UpdatedAt = time.UtcNow();
        await db.SaveChangesAsync(cancellationToken);
        if (!application.IsConfidential)
        {
            await protocol.SaveAsync(Resolve(application, await OthersAsync(application, cancellationToken)), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new AppChange.Saved(application);
    }

    /// <summary>Deletes the application, its secrets and grants; other applications lose their permissions on its API.</summary>
    public async Task<AppChange> DeleteAsync(string clientId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.BeginOrJoinTransactionAsync(cancellationToken);
        var application = await db.Applications.FirstOrDefaultAsync(a => a.ClientId == clientId, cancellationToken);
        if (application is null)
        {
            return new AppChange.NotFound();
        }

        db.Applications.Remove(application);
        var others = await db.Applications.Include(a => a.Secrets).Where(a => a.ClientId != clientId).ToListAsync(cancellationToken);
        var dependents = others.Where(a => a.ApiPermissions.Any(p => p.ResourceClientId == clientId)).ToList();
        foreach (var dependent in dependents)
        {
            dependent.ApiPermissions = [.. dependent.ApiPermissions.Where(p => p.ResourceClientId != clientId)];
        }

        await db.SaveChangesAsync(cancellationToken);
        await protocol.DeleteAsync(clientId, cancellationToken);
        foreach (var dependent in dependents)
        {
            await protocol.SaveAsync(Resolve(dependent, others), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new AppChange.Saved(application);
    }

    private static IEnumerable<AppRegistrationError> CheckAgainst(AppRegistration registration, List<Application> others)
    {
        if (registration.AppIdUri is { } appIdUri && others.Any(o => string.Equals(o.AppIdUri, appIdUri, StringComparison.OrdinalIgnoreCase)))
        {
            yield return new("appIdUri", AdminText.AppIdUriTaken(appIdUri));
        }

        foreach (var permission in registration.ApiPermissions)
        {
            if (!ApiScopeValue.TryParse(permission, out var resourceUri, out var name))
            {
                continue;
            }

            var ownApi = string.Equals(resourceUri, registration.AppIdUri, StringComparison.OrdinalIgnoreCase) && registration.ApiScopes.Any(s => s.Name == name);
            var otherApi = others.Any(o => string.Equals(o.AppIdUri, resourceUri, StringComparison.OrdinalIgnoreCase) && o.ApiScopes.Any(s => s.Name == name));
            if (!ownApi && !otherApi)
            {
                yield return new("apiPermissions", AdminText.AppPermissionUnknown(permission));
            }
        }
    }

    private static void Apply(Application application, AppRegistration registration, List<Application> others)
    {
        application.DisplayName = registration.DisplayName.Trim();
        application.RedirectUris =
        [
            .. registration.RedirectUris.Select(u => new PlatformRedirectUri(AppPlatform.Web, u)),
            .. registration.SpaRedirectUris.Select(u => new PlatformRedirectUri(AppPlatform.Spa, u)),
            .. registration.PublicClientRedirectUris.Select(u => new PlatformRedirectUri(AppPlatform.PublicClient, u)),
        ];
        application.PostLogoutRedirectUris = [.. registration.PostLogoutRedirectUris ?? application.RedirectUris.Select(r => r.Uri)];
        application.AllowImplicitIdToken = registration.AllowImplicitIdToken;
        application.AllowImplicitAccessToken = registration.AllowImplicitAccessToken;
        application.AllowClientCredentials = registration.AllowClientCredentials;
        application.AdminApiAccess = registration.AdminApiAccess;
        application.AppIdUri = registration.AppIdUri;
        application.ApiScopes = [.. registration.ApiScopes];
        application.ApiPermissions = [.. registration.ApiPermissions.Select(p => ToPermission(p, application, others)).OfType<GrantedApiScope>().Distinct()];
    }

    private static GrantedApiScope? ToPermission(string value, Application application, List<Application> others)
    {
        if (!ApiScopeValue.TryParse(value, out var resourceUri, out var name))
        {
            return null;
        }

        var resource = string.Equals(resourceUri, application.AppIdUri, StringComparison.OrdinalIgnoreCase)
            ? application
            : others.FirstOrDefault(o => string.Equals(o.AppIdUri, resourceUri, StringComparison.OrdinalIgnoreCase));
        return resource is null ? null : new GrantedApiScope(resource.ClientId, name);
    }

    private static void ReplaceConfiguredSecrets(Application application, AppRegistration registration, DateTimeOffset now)
    {
        var wanted = registration.AllConfiguredSecrets.ToList();
        var configured = application.Secrets.Where(s => s.Source == ClientSecretSource.Configuration).ToList();

        // A secret the configuration still names keeps its row (and id); the slow hash is only computed for new ones.
        foreach (var secret in configured)
        {
            var match = wanted.FirstOrDefault(w => ClientSecretHasher.Verify(w.Value, secret.Hash));
            if (match is null)
            {
                application.Secrets.Remove(secret);
                continue;
            }

            wanted.Remove(match);
            secret.ExpiresAt = match.ExpiresAt;
            secret.Description = match.Description;
        }

        foreach (var secret in wanted)
        {
            application.Secrets.Add(new ClientSecret
            {
                Id = Guid.NewGuid(),
                ApplicationId = application.Id,
                Hash = ClientSecretHasher.HashConfigured(secret.Value),
                Hint = ClientSecretHasher.Hint(secret.Value),
                Description = secret.Description,
                Source = ClientSecretSource.Configuration,
                CreatedAt = now,
                ExpiresAt = secret.ExpiresAt,
            });
        }
    }

    private async Task<List<Application>> OthersAsync(Application application, CancellationToken cancellationToken) =>
        await db.Applications.AsNoTracking().Where(a => a.Id != application.Id).ToListAsync(cancellationToken);

    private async Task ResyncDependentsAsync(Application resource, List<Application> others, CancellationToken cancellationToken)
    {
        var everyone = others.Append(resource).ToList();
        foreach (var dependent in others.Where(o => o.ApiPermissions.Any(p => p.ResourceClientId == resource.ClientId)))
        {
            dependent.Secrets = await db.ClientSecrets.AsNoTracking().Where(s => s.ApplicationId == dependent.Id).ToListAsync(cancellationToken);
            await protocol.SaveAsync(Resolve(dependent, everyone), cancellationToken);
        }
    }

    /// <summary>The application with its scope values spelled out as clients request them.</summary>
    private static ProtocolApplication Resolve(Application application, IEnumerable<Application> others)
    {
        var byClientId = others.Where(o => o.Id != application.Id).Append(application).ToDictionary(a => a.ClientId, StringComparer.Ordinal);
        var permitted = new List<string>();
        foreach (var group in application.ApiPermissions.GroupBy(p => p.ResourceClientId))
        {
            if (!byClientId.TryGetValue(group.Key, out var resource) || resource.AppIdUri is null)
            {
                continue;
            }

            var granted = group.Where(p => resource.ApiScopes.Any(s => s.Name == p.Scope)).Select(p => ApiScopeValue.Format(resource.AppIdUri, p.Scope)).ToList();
            if (granted.Count > 0)
            {
                permitted.AddRange(granted);
                permitted.Add(ApiScopeValue.Format(resource.AppIdUri, ApiScopeValue.Default));
            }
        }

        var exposed = application.AppIdUri is null || application.ApiScopes.Count == 0
            ? []
            : application.ApiScopes.Select(s => ApiScopeValue.Format(application.AppIdUri, s.Name)).Append(ApiScopeValue.Format(application.AppIdUri, ApiScopeValue.Default)).ToList();
        return new ProtocolApplication(application, permitted, exposed);
    }
}

/// <summary>Server-wide settings the registration rules depend on.</summary>
/// <param name="AllowPlainHttp">Plain-http reply URLs for any host: only on servers that do not require HTTPS.</param>
public sealed record AppRegistrationPolicy(bool AllowPlainHttp);
