namespace IdP.Core.Applications;

/// <summary>
/// App registrations as administrators see and change them (the admin API, portal and CLI): reads with secrets shown
/// only by id, hint and expiry; changes checked by <see cref="AppRegistrationService"/> and audited in the same
/// transaction. Secret values exist only in the answer to <see cref="AddSecretAsync"/>.
/// </summary>
public sealed class AppAdministration(IIdPDbContext db, AppRegistrationService registrations, AdminAudit audit)
{
    /// <summary>How many applications there are, leaving out those named in <paramref name="except"/>; counted in the database.</summary>
    public Task<int> CountAsync(IReadOnlyCollection<string> except, CancellationToken cancellationToken) =>
        db.Applications.CountAsync(a => !except.Contains(a.ClientId), cancellationToken);

    /// <summary>Every application, by display name.</summary>
    public async Task<IReadOnlyList<ApplicationDetails>> ListAsync(CancellationToken cancellationToken)
    {
        var all = await AllAsync(cancellationToken);
        return [.. all.OrderBy(a => a.DisplayName, StringComparer.Ordinal).ThenBy(a => a.ClientId, StringComparer.Ordinal).Select(a => ApplicationDetails.Of(a, all))];
    }

    /// <summary>One application, or NotFound.</summary>
    public async Task<AdminResult<ApplicationDetails>> GetAsync(string clientId, CancellationToken cancellationToken)
    {
        var all = await AllAsync(cancellationToken);
        return all.FirstOrDefault(a => a.ClientId == clientId) is { } application
            ? new AdminResult<ApplicationDetails>.Done(ApplicationDetails.Of(application, all))
            : new AdminResult<ApplicationDetails>.NotFound();
    }

    /// <summary>Registers a new application; refused when the client id is taken.</summary>
    public Task<AdminResult<ApplicationDetails>> CreateAsync(ApplicationInput input, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        input = input.Trimmed();
        return audit.RecordAsync(actor, async () =>
        {
            if (input.ClientId is { Length: > 0 } clientId && await db.Applications.AnyAsync(a => a.ClientId == clientId, cancellationToken))
            {
                return new AdminResult<ApplicationDetails>.Invalid("clientId", AdminText.AppIdTaken(clientId));
            }

            return await SaveAsync(input, input.ClientId ?? "", cancellationToken);
        }, created => new AdminEvent(AdminEventTypes.ApplicationCreated, Target(created.ClientId), $"registered '{created.DisplayName}'"), cancellationToken);
    }

    /// <summary>Brings an existing application to <paramref name="input"/> (its whole desired state); secrets are kept.</summary>
    public async Task<AdminResult<ApplicationDetails>> UpdateAsync(string clientId, ApplicationInput input, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        input = input.Trimmed();
        ApplicationDetails? before = null;
        return await audit.RecordAsync(actor, async () =>
        {
            if (await GetAsync(clientId, cancellationToken) is not AdminResult<ApplicationDetails>.Done found)
            {
                return new AdminResult<ApplicationDetails>.NotFound();
            }

            before = found.Value;
            if (input.ClientId is not null && input.ClientId != clientId)
            {
                return new AdminResult<ApplicationDetails>.Invalid("clientId", AdminText.AppIdImmutable);
            }

            return await SaveAsync(input, clientId, cancellationToken);
        }, after => new AdminEvent(AdminEventTypes.ApplicationUpdated, Target(clientId), Changes(before!, after)), cancellationToken);
    }

    /// <summary>Deletes an application with its secrets and grants; an application cannot delete itself.</summary>
    public Task<AdminResult<Unit>> DeleteAsync(string clientId, string actor, CancellationToken cancellationToken) =>
        audit.RecordAsync<Unit>(actor, async () =>
        {
            if (string.Equals(clientId, actor, StringComparison.Ordinal) && await db.Applications.AnyAsync(a => a.ClientId == clientId, cancellationToken))
            {
                return new AdminResult<Unit>.Invalid("clientId", AdminText.AppCannotDeleteItself);
            }

            return await registrations.DeleteAsync(clientId, cancellationToken) switch
            {
                AppChange.Saved => new AdminResult<Unit>.Done(Unit.Value),
                _ => new AdminResult<Unit>.NotFound(),
            };
        }, _ => new AdminEvent(AdminEventTypes.ApplicationDeleted, Target(clientId), "deleted with its secrets and grants"), cancellationToken);

    /// <summary>Generates a secret; its value is in the result once and never again.</summary>
    public Task<AdminResult<NewSecret>> AddSecretAsync(string clientId, string? description, DateTimeOffset? expiresAt, string actor, CancellationToken cancellationToken) =>
        audit.RecordAsync<NewSecret>(actor, async () => await registrations.AddSecretAsync(clientId, description, expiresAt, cancellationToken) switch
        {
            SecretCreation.Created created => new AdminResult<NewSecret>.Done(new NewSecret(SecretDetails.Of(created.Secret), created.Value)),
            SecretCreation.Invalid invalid => new AdminResult<NewSecret>.Invalid(Fields(invalid.Errors)),
            _ => new AdminResult<NewSecret>.NotFound(),
        }, added => new AdminEvent(AdminEventTypes.SecretAdded, Target(clientId), $"secret {added.Secret.Id} ({added.Secret.Hint}…) added, expires {added.Secret.ExpiresAt:O}"), cancellationToken);

    /// <summary>Removes one secret; the application's last one makes it a public client again.</summary>
    public Task<AdminResult<Unit>> RemoveSecretAsync(string clientId, Guid secretId, string actor, CancellationToken cancellationToken) =>
        audit.RecordAsync<Unit>(actor, async () => await registrations.RemoveSecretAsync(clientId, secretId, cancellationToken) switch
        {
            AppChange.Saved => new AdminResult<Unit>.Done(Unit.Value),
            _ => new AdminResult<Unit>.NotFound(),
        }, _ => new AdminEvent(AdminEventTypes.SecretRemoved, Target(clientId), $"secret {secretId} removed"), cancellationToken);

    private async Task<AdminResult<ApplicationDetails>> SaveAsync(ApplicationInput input, string clientId, CancellationToken cancellationToken)
    {
        var nulls = ApplicationInput.NullItems(input);
        if (nulls.Count > 0)
        {
            return new AdminResult<ApplicationDetails>.Invalid(nulls);
        }

        return await registrations.SaveAsync(input.ToRegistration(clientId), cancellationToken) switch
        {
            AppChange.Saved => await GetAsync(clientId, cancellationToken),
            AppChange.Invalid invalid => new AdminResult<ApplicationDetails>.Invalid(Fields(invalid.Errors)),
            _ => new AdminResult<ApplicationDetails>.NotFound(),
        };
    }

    private async Task<List<Application>> AllAsync(CancellationToken cancellationToken) =>
        await db.Applications.AsNoTracking().Include(a => a.Secrets).ToListAsync(cancellationToken);

    private static FieldError[] Fields(IEnumerable<AppRegistrationError> errors) => [.. errors.Select(e => new FieldError(e.Field, e.Message))];

    private static string Target(string clientId) => $"application:{clientId}";

    /// <summary>Which settings an update changed, by field name (values are not repeated: some are long, none is needed).</summary>
    internal static string Changes(ApplicationDetails before, ApplicationDetails after)
    {
        var changed = new List<string>();
        void Compare<T>(string field, IEnumerable<T> a, IEnumerable<T> b)
        {
            if (!a.SequenceEqual(b))
            {
                changed.Add(field);
            }
        }

        Compare("displayName", [before.DisplayName], [after.DisplayName]);
        Compare("redirectUris", before.RedirectUris, after.RedirectUris);
        Compare("spaRedirectUris", before.SpaRedirectUris, after.SpaRedirectUris);
        Compare("publicClientRedirectUris", before.PublicClientRedirectUris, after.PublicClientRedirectUris);
        Compare("postLogoutRedirectUris", before.PostLogoutRedirectUris, after.PostLogoutRedirectUris);
        Compare("allowImplicitIdToken", [before.AllowImplicitIdToken], [after.AllowImplicitIdToken]);
        Compare("allowImplicitAccessToken", [before.AllowImplicitAccessToken], [after.AllowImplicitAccessToken]);
        Compare("allowClientCredentials", [before.AllowClientCredentials], [after.AllowClientCredentials]);
        Compare("adminApiAccess", [before.AdminApiAccess], [after.AdminApiAccess]);
        Compare("appIdUri", [before.AppIdUri], [after.AppIdUri]);
        Compare("apiScopes", before.ApiScopes, after.ApiScopes);
        Compare("apiPermissions", before.ApiPermissions, after.ApiPermissions);
        return changed.Count == 0 ? "no change" : "changed " + string.Join(", ", changed);
    }
}

/// <summary>
/// What an administrator sends to register or change an application: its whole desired state. The Web platform's
/// reply URLs are <see cref="RedirectUris"/>; secrets are not part of it (they are generated one by one).
/// </summary>
public sealed record ApplicationInput
{
    /// <summary>The application (client) id; on update, absent or the same.</summary>
    public string? ClientId { get; init; }

    /// <summary>The name operators and consent pages show.</summary>
    public string? DisplayName { get; init; }

    /// <summary>Reply URLs on the Web platform.</summary>
    public IReadOnlyList<string>? RedirectUris { get; init; }

    /// <summary>Reply URLs on the single-page application platform.</summary>
    public IReadOnlyList<string>? SpaRedirectUris { get; init; }

    /// <summary>Reply URLs on the mobile and desktop (public client) platform.</summary>
    public IReadOnlyList<string>? PublicClientRedirectUris { get; init; }

    /// <summary>Where apps may send users after sign-out; absent means every reply URL.</summary>
    public IReadOnlyList<string>? PostLogoutRedirectUris { get; init; }

    /// <summary>"ID tokens (used for implicit and hybrid flows)".</summary>
    public bool AllowImplicitIdToken { get; init; }

    /// <summary>"Access tokens (used for implicit flows)".</summary>
    public bool AllowImplicitAccessToken { get; init; }

    /// <summary>May use the client credentials grant (once it has a secret).</summary>
    public bool AllowClientCredentials { get; init; }

    /// <summary>May call the admin API (scope <c>idp.admin</c>, client credentials, once it has a secret).</summary>
    public bool AdminApiAccess { get; init; }

    /// <summary>The exposed API's App ID URI, such as <c>https://contoso.onmicrosoft.com/tasks-api</c>.</summary>
    public string? AppIdUri { get; init; }

    /// <summary>Scopes the exposed API defines.</summary>
    public IReadOnlyList<ApiScope>? ApiScopes { get; init; }

    /// <summary>API scopes this application may request, written as clients request them (<c>{App ID URI}/{scope}</c>).</summary>
    public IReadOnlyList<string>? ApiPermissions { get; init; }

    /// <summary>The input as the rules read it: client id and display name without surrounding spaces (<see cref="FormValue"/>).</summary>
    public ApplicationInput Trimmed() => this with { ClientId = FormValue.Edited(ClientId), DisplayName = FormValue.Edited(DisplayName) };

    /// <summary>The registration this input asks for, keeping the application's configured secrets.</summary>
    public AppRegistration ToRegistration(string clientId) => new(clientId, DisplayName ?? "")
    {
        RedirectUris = RedirectUris ?? [],
        SpaRedirectUris = SpaRedirectUris ?? [],
        PublicClientRedirectUris = PublicClientRedirectUris ?? [],
        PostLogoutRedirectUris = PostLogoutRedirectUris,
        AllowImplicitIdToken = AllowImplicitIdToken,
        AllowImplicitAccessToken = AllowImplicitAccessToken,
        AllowClientCredentials = AllowClientCredentials,
        AdminApiAccess = AdminApiAccess,
        AppIdUri = string.IsNullOrEmpty(AppIdUri) ? null : AppIdUri,
        ApiScopes = ApiScopes ?? [],
        ApiPermissions = ApiPermissions ?? [],
        KeepConfiguredSecrets = true,
    };

    /// <summary>Errors for null entries in lists (JSON allows <c>[null]</c>; no rule below expects one).</summary>
    internal static List<FieldError> NullItems(ApplicationInput input)
    {
        var errors = new List<FieldError>();
        void Check<T>(string field, IReadOnlyList<T?>? items)
        {
            for (var i = 0; i < (items?.Count ?? 0); i++)
            {
                if (items![i] is null)
                {
                    errors.Add(new FieldError($"{field}[{i}]", AdminText.EntryNull));
                }
            }
        }

        Check("redirectUris", input.RedirectUris);
        Check("spaRedirectUris", input.SpaRedirectUris);
        Check("publicClientRedirectUris", input.PublicClientRedirectUris);
        Check("postLogoutRedirectUris", input.PostLogoutRedirectUris);
        Check("apiScopes", input.ApiScopes);
        Check("apiPermissions", input.ApiPermissions);
        return errors;
    }
}

/// <summary>An application as administrators see it: secrets by id, hint and expiry only.</summary>
public sealed record ApplicationDetails(
    string ClientId,
    string DisplayName,
    IReadOnlyList<string> RedirectUris,
    IReadOnlyList<string> SpaRedirectUris,
    IReadOnlyList<string> PublicClientRedirectUris,
    IReadOnlyList<string> PostLogoutRedirectUris,
    bool AllowImplicitIdToken,
    bool AllowImplicitAccessToken,
    bool AllowClientCredentials,
    bool AdminApiAccess,
    string? AppIdUri,
    IReadOnlyList<ApiScope> ApiScopes,
    IReadOnlyList<string> ApiPermissions,
    IReadOnlyList<SecretDetails> Secrets,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The view of <paramref name="application"/>; permissions are spelled out with the App ID URIs of <paramref name="all"/>.</summary>
    public static ApplicationDetails Of(Application application, IReadOnlyCollection<Application> all)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(all);
        var permissions = application.ApiPermissions
            .Select(p => all.FirstOrDefault(a => a.ClientId == p.ResourceClientId)?.ScopeValue(p.Scope))
            .OfType<string>()
            .ToList();
        return new ApplicationDetails(
            application.ClientId,
            application.DisplayName,
            [.. application.RedirectUrisOn(AppPlatform.Web)],
            [.. application.RedirectUrisOn(AppPlatform.Spa)],
            [.. application.RedirectUrisOn(AppPlatform.PublicClient)],
            [.. application.PostLogoutRedirectUris],
            application.AllowImplicitIdToken,
            application.AllowImplicitAccessToken,
            application.AllowClientCredentials,
            application.AdminApiAccess,
            application.AppIdUri,
            [.. application.ApiScopes],
            permissions,
            [.. application.Secrets.OrderBy(s => s.CreatedAt).Select(SecretDetails.Of)],
            application.CreatedAt,
            application.UpdatedAt);
    }
}

/// <summary>A client secret without its value: what tells secrets apart and when each stops working.</summary>
public sealed record SecretDetails(Guid Id, string Hint, string? Description, ClientSecretSource Source, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt)
{
    /// <summary>The details of a stored secret (never its value).</summary>
    public static SecretDetails Of(ClientSecret secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return new(secret.Id, secret.Hint, secret.Description, secret.Source, secret.CreatedAt, secret.ExpiresAt);
    }
}

/// <summary>A generated secret: <see cref="Value"/> is shown this once and never stored.</summary>
public sealed record NewSecret(SecretDetails Secret, string Value);
