namespace IdP.Core.Accounts;

/// <summary>
/// Local accounts as administrators manage them (the admin API, portal and CLI): create (our shape or Graph's), list
/// and search, change names, delete, enable and disable, set a password, revoke sessions. Every change is audited in
/// its transaction. Whatever ends an account's sessions (disable, password, revoke) goes through
/// <see cref="AccountSignOut"/> (a password through <see cref="PasswordChange"/>, as a reset does); a delete revokes the
/// account's grants, and its SSO cookies, journeys and refresh tokens find no account (see <see cref="AccountStanding"/>).
/// </summary>
public sealed class UserAdministration(
    IIdPDbContext db,
    AccountService accounts,
    LocalAccountSignIn signIn,
    PasswordChange passwords,
    AccountSignOut signOut,
    IGrantRevocation grants,
    AdminAudit audit,
    TimeProvider time)
{
    // The audit's words for a temporary password (no secret: the password itself is never recorded).
    private const string MustChange = "must change the password at next sign-in";

    /// <summary>The longest search text (a sign-in name is at most this long).</summary>
    public const int MaxSearchLength = SignInNameNormalizer.MaxLength;

    /// <summary>How many users there are; counted in the database.</summary>
    public Task<int> CountAsync(CancellationToken cancellationToken) => db.Users.CountAsync(cancellationToken);

    /// <summary>Users whose email or username starts with <paramref name="search"/> (any case), oldest first, one page.</summary>
    public async Task<AdminResult<Paged<UserDetails>>> ListAsync(string? search, int page, int pageSize, CancellationToken cancellationToken)
    {
        var errors = Paging.Check(page, pageSize).ToList();
        if (search is { Length: > MaxSearchLength })
        {
            errors.Add(new("search", AdminText.SearchTooLong(MaxSearchLength)));
        }

        if (errors.Count > 0)
        {
            return new AdminResult<Paged<UserDetails>>.Invalid(errors);
        }

        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var key = SignInNameNormalizer.Normalize(search);
            query = query.Where(a => db.SignInNames.Any(n => n.AccountId == a.Id && n.NormalizedValue.StartsWith(key)));
        }

        var total = await query.CountAsync(cancellationToken);
        var found = await query.OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).Skip(Paging.Skip(page, pageSize)).Take(pageSize).ToListAsync(cancellationToken);
        var ids = found.Select(a => a.Id).ToList();
        var names = await db.SignInNames.AsNoTracking().Where(n => ids.Contains(n.AccountId)).ToListAsync(cancellationToken);
        var items = found.Select(a => UserDetails.Of(a, names.Where(n => n.AccountId == a.Id))).ToList();
        return new AdminResult<Paged<UserDetails>>.Done(new Paged<UserDetails>(items, page, pageSize, total));
    }

    /// <summary>One user, or NotFound.</summary>
    public async Task<AdminResult<UserDetails>> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var account = await db.Users.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (account is null)
        {
            return new AdminResult<UserDetails>.NotFound();
        }

        var names = await db.SignInNames.AsNoTracking().Where(n => n.AccountId == id).ToListAsync(cancellationToken);
        return new AdminResult<UserDetails>.Done(UserDetails.Of(account, names));
    }

    /// <summary>Creates a user from either shape; errors name the fields of the shape that was sent.</summary>
    public Task<AdminResult<UserDetails>> CreateAsync(NewUserDocument document, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        return audit.RecordAsync(actor, async () =>
        {
            if (document.ToNewUser() is not AdminResult<NewUser>.Done { Value: var user })
            {
                return document.ToNewUser() is AdminResult<NewUser>.Invalid invalid
                    ? new AdminResult<UserDetails>.Invalid(invalid.Errors)
                    : new AdminResult<UserDetails>.NotFound();
            }

            var request = user.Account;
            var errors = UserRules.CheckNames(request.DisplayName, request.GivenName, request.Surname).ToList();
            errors.AddRange(UserRules.CheckPassword(document.PasswordField, request.Password, [request.SignInEmail, request.Username, request.ContactEmail]));
            if (errors.Count > 0)
            {
                return new AdminResult<UserDetails>.Invalid(errors);
            }

            switch (await accounts.CreateAsync(request, cancellationToken))
            {
                case AccountCreation.Created { Account: var account }:
                    if (!user.Enabled || user.ForceChangePasswordNextSignIn)
                    {
                        account.Enabled = user.Enabled;
                        account.ForceChangePasswordNextSignIn = user.ForceChangePasswordNextSignIn;
                        await db.SaveChangesAsync(cancellationToken);
                    }

                    return await GetAsync(account.Id, cancellationToken);
                case AccountCreation.Invalid invalid:
                    return new AdminResult<UserDetails>.Invalid([.. invalid.Problems.Select(p => p with { Field = document.FieldFor(p.Field) })]);
                default:
                    throw new InvalidOperationException("Unexpected result.");
            }
        }, created => new AdminEvent(AdminEventTypes.UserCreated, Target(created.Id), $"created{(document.IsGraphShape ? " (Graph shape)" : "")}{(created.AccountEnabled ? "" : ", disabled")}{(created.ForceChangePasswordNextSignIn ? ", " + MustChange : "")}") { AccountId = created.Id }, cancellationToken);
    }

    /// <summary>
    /// Changes sign-in names, contact email and names: null leaves a value as it is, an empty string removes it (an
    /// account keeps at least one sign-in name). Graph's update fields do what the dedicated operations do, in the same
    /// transaction: <c>accountEnabled</c> as <see cref="SetEnabledAsync"/>, <c>passwordProfile</c> as
    /// <see cref="SetPasswordAsync"/>. Every field is checked before anything is saved.
    /// </summary>
    public Task<AdminResult<UserDetails>> UpdateAsync(Guid id, UserUpdate update, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        update = update.Trimmed();
        return audit.RecordAsync(actor, async () =>
        {
            var account = await db.Users.Include(a => a.SignInNames).FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
            if (account is null)
            {
                return new AdminResult<UserDetails>.NotFound();
            }

            var errors = UserRules.CheckNames(update.DisplayName, update.GivenName, update.Surname).ToList();
            await ChangeSignInNameAsync(account, SignInNameKind.Email, "signInEmail", update.SignInEmail, errors, cancellationToken);
            await ChangeSignInNameAsync(account, SignInNameKind.Username, "username", update.Username, errors, cancellationToken);
            if (account.SignInNames.Count == 0)
            {
                errors.Add(new("signInEmail", AdminText.SignInNameRequired));
            }

            if (update.ContactEmail is { Length: > 0 } contact && SignInNameNormalizer.Validate(SignInNameKind.Email, contact) is not null)
            {
                errors.Add(new("contactEmail", AdminText.ContactEmailInvalid));
            }

            if (update.PasswordProfile is { } profile)
            {
                // Checked against the names the account will have once this update is saved.
                errors.AddRange(profile.Password is { Length: > 0 } password
                    ? UserRules.CheckPassword(UserUpdate.PasswordField, password, [.. account.SignInNames.Select(n => n.Value), update.ContactEmail ?? account.Email])
                    : [new(UserUpdate.PasswordField, AdminText.GraphPasswordRequired)]);
            }

            if (errors.Count > 0)
            {
                return new AdminResult<UserDetails>.Invalid(errors);
            }

            if (update.ContactEmail is { } email)
            {
                account.Email = email.Length == 0 ? null : email.Trim();
                account.NormalizedEmail = email.Length == 0 ? null : SignInNameNormalizer.Normalize(email);
                account.EmailConfirmed = email.Length > 0;
            }

            account.DisplayName = Change(account.DisplayName, update.DisplayName);
            account.GivenName = Change(account.GivenName, update.GivenName);
            account.Surname = Change(account.Surname, update.Surname);
            account.UpdatedAt = time.UtcNow();
            account.ConcurrencyStamp = Guid.NewGuid().ToString("N");
            if (update.AccountEnabled is { } enabled)
            {
                await ApplyEnabledAsync(account, enabled, cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            if (update.PasswordProfile is { Password: { } newPassword } newProfile)
            {
                await passwords.ApplyAsync(account, newPassword, temporary: newProfile.ForceChangePasswordNextSignIn ?? false, cancellationToken);
            }

            return await GetAsync(id, cancellationToken);
        }, updated => new AdminEvent(AdminEventTypes.UserUpdated, Target(id), "changed " + string.Join(", ", update.FieldsSet()) + UpdateEffects(update)) { AccountId = id }, cancellationToken);
    }

    /// <summary>Deletes the account (sign-in names, group memberships) and revokes its grants.</summary>
    public Task<AdminResult<Unit>> DeleteAsync(Guid id, string actor, CancellationToken cancellationToken) =>
        audit.RecordAsync<Unit>(actor, async () =>
        {
            var account = await db.Users.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
            if (account is null)
            {
                return new AdminResult<Unit>.NotFound();
            }

            await grants.RevokeAsync(id, cancellationToken);
            await signIn.ClearLockoutAsync(id, cancellationToken);
            db.Users.Remove(account);
            await db.SaveChangesAsync(cancellationToken);
            return new AdminResult<Unit>.Done(Unit.Value);
        }, _ => new AdminEvent(AdminEventTypes.UserDeleted, Target(id), "deleted") { AccountId = id }, cancellationToken);

    /// <summary>Enables or disables the account; disabling also ends its sessions and grants, which re-enabling does not bring back.</summary>
    public Task<AdminResult<UserDetails>> SetEnabledAsync(Guid id, bool enabled, string actor, CancellationToken cancellationToken) =>
        audit.RecordAsync(actor, async () =>
        {
            var account = await db.Users.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
            if (account is null)
            {
                return new AdminResult<UserDetails>.NotFound();
            }

            await ApplyEnabledAsync(account, enabled, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return await GetAsync(id, cancellationToken);
        }, _ => new AdminEvent(enabled ? AdminEventTypes.UserEnabled : AdminEventTypes.UserDisabled, Target(id), enabled ? "enabled" : "disabled; sessions and grants ended") { AccountId = id }, cancellationToken);

    /// <summary>
    /// Sets a new password under the flow-independent rules (<see cref="UserRules.CheckPassword"/>) through
    /// <see cref="PasswordChange"/>: the account's sessions and grants end and its sign-in lockout clears, as in a reset. With
    /// <paramref name="forceChangePasswordNextSignIn"/> the password is temporary: flows with "Forced password reset"
    /// on ask the user for a new one at the next sign-in.
    /// </summary>
    public Task<AdminResult<UserDetails>> SetPasswordAsync(Guid id, string? password, bool forceChangePasswordNextSignIn, string actor, CancellationToken cancellationToken) =>
        audit.RecordAsync(actor, async () =>
        {
            var account = await db.Users.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
            if (account is null)
            {
                return new AdminResult<UserDetails>.NotFound();
            }

            var names = await db.SignInNames.AsNoTracking().Where(n => n.AccountId == id).Select(n => n.Value).ToListAsync(cancellationToken);
            var errors = UserRules.CheckPassword("password", password, names.Append(account.Email));
            if (errors.Count > 0)
            {
                return new AdminResult<UserDetails>.Invalid(errors);
            }

            await passwords.ApplyAsync(account, password!, temporary: forceChangePasswordNextSignIn, cancellationToken);
            return await GetAsync(id, cancellationToken);
        }, _ => new AdminEvent(AdminEventTypes.UserPasswordSet, Target(id), $"password set{(forceChangePasswordNextSignIn ? ", " + MustChange : "")}; sessions and grants ended") { AccountId = id }, cancellationToken);

    /// <summary>Ends every SSO session, sign-in in progress, refresh token and grant of the account (Graph's revokeSignInSessions).</summary>
    public Task<AdminResult<UserDetails>> RevokeSessionsAsync(Guid id, string actor, CancellationToken cancellationToken) =>
        audit.RecordAsync(actor, async () =>
        {
            var account = await db.Users.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
            if (account is null)
            {
                return new AdminResult<UserDetails>.NotFound();
            }

            await signOut.EndAllAsync(account, cancellationToken);
            return await GetAsync(id, cancellationToken);
        }, _ => new AdminEvent(AdminEventTypes.UserSessionsRevoked, Target(id), "sessions and grants ended") { AccountId = id }, cancellationToken);

    // Enabling or disabling (the caller saves): disabling ends the account's sessions and grants.
    private async Task ApplyEnabledAsync(Account account, bool enabled, CancellationToken cancellationToken)
    {
        account.Enabled = enabled;
        if (!enabled)
        {
            await signOut.EndAllAsync(account, cancellationToken);
        }

        account.UpdatedAt = time.UtcNow();
    }

    // What an update's Graph fields did, for its audit summary (never the password itself).
    private static string UpdateEffects(UserUpdate update)
    {
        var effects = new List<string>();
        if (update.AccountEnabled is { } enabled)
        {
            effects.Add(enabled ? "enabled" : "disabled");
        }

        if (update.PasswordProfile is { } profile)
        {
            effects.Add(profile.ForceChangePasswordNextSignIn == true ? "password set, " + MustChange : "password set");
        }

        if (update.AccountEnabled == false || update.PasswordProfile is not null)
        {
            effects.Add("sessions and grants ended");
        }

        return effects.Count == 0 ? "" : "; " + string.Join("; ", effects);
    }

    private async Task ChangeSignInNameAsync(Account account, SignInNameKind kind, string field, string? value, List<FieldError> errors, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            return;
        }

        var current = account.SignInNames.FirstOrDefault(n => n.Kind == kind);
        if (value.Length == 0)
        {
            if (current is not null)
            {
                account.SignInNames.Remove(current);
            }

            return;
        }

        if (SignInNameNormalizer.Validate(kind, value) is { } problem)
        {
            errors.Add(new(field, problem));
            return;
        }

        var normalized = SignInNameNormalizer.Normalize(value);
        if (await db.SignInNames.AnyAsync(n => n.Kind == kind && n.NormalizedValue == normalized && n.AccountId != account.Id, cancellationToken))
        {
            errors.Add(new(field, AdminText.SignInNameTaken(kind, value.Trim())));
            return;
        }

        if (current is null)
        {
            // Added through the set: a new row with its key already set would otherwise be taken for an existing one.
            var added = new SignInName { Id = Guid.NewGuid(), AccountId = account.Id, Kind = kind, Value = value.Trim(), NormalizedValue = normalized };
            db.SignInNames.Add(added);
            account.SignInNames.Add(added);
        }
        else
        {
            current.Value = value.Trim();
            current.NormalizedValue = normalized;
        }
    }

    private static string? Change(string? current, string? requested) => requested switch
    {
        null => current,
        { Length: 0 } => null,
        _ => requested,
    };

    private static string Target(Guid id) => $"user:{id:D}";
}

/// <summary>A user as administrators see it (never a password or its hash).</summary>
public sealed record UserDetails(
    Guid Id,
    string? SignInEmail,
    string? Username,
    string? ContactEmail,
    string? DisplayName,
    string? GivenName,
    string? Surname,
    bool AccountEnabled,
    bool ForceChangePasswordNextSignIn,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The details of an account with its sign-in names.</summary>
    public static UserDetails Of(Account account, IEnumerable<SignInName> names)
    {
        ArgumentNullException.ThrowIfNull(account);
        var list = names.ToList();
        return new(account.Id, list.FirstOrDefault(n => n.Kind == SignInNameKind.Email)?.Value, list.FirstOrDefault(n => n.Kind == SignInNameKind.Username)?.Value,
            account.Email, account.DisplayName, account.GivenName, account.Surname, account.Enabled, account.ForceChangePasswordNextSignIn, account.CreatedAt, account.UpdatedAt);
    }
}

/// <summary>
/// Changes to a user: null leaves a value as it is; an empty string removes it. Also reads Microsoft Graph's update-user
/// fields that B2C admin scripts send (<c>accountEnabled</c>, <c>passwordProfile</c>).
/// </summary>
public sealed record UserUpdate
{
    /// <summary>The field errors about the password name.</summary>
    public const string PasswordField = "passwordProfile.password";

    /// <summary>New sign-in email; empty removes it.</summary>
    public string? SignInEmail { get; init; }
    /// <summary>New username; empty removes it.</summary>
    public string? Username { get; init; }
    /// <summary>New contact (recovery) email; empty removes it.</summary>
    public string? ContactEmail { get; init; }
    /// <summary>New display name; empty removes it.</summary>
    public string? DisplayName { get; init; }
    /// <summary>New given name; empty removes it.</summary>
    public string? GivenName { get; init; }
    /// <summary>New surname; empty removes it.</summary>
    public string? Surname { get; init; }
    /// <summary>Graph: false disables the user (sign-in and reset refused, sessions and grants ended); true enables it again.</summary>
    public bool? AccountEnabled { get; init; }
    /// <summary>Graph: a new password (required here), temporary with <c>forceChangePasswordNextSignIn</c>; ends sessions and grants.</summary>
    public GraphPasswordProfile? PasswordProfile { get; init; }

    /// <summary>The update as the rules read it: names and addresses without surrounding spaces (<see cref="FormValue"/>); blank removes.</summary>
    public UserUpdate Trimmed() => this with
    {
        SignInEmail = FormValue.Edited(SignInEmail),
        Username = FormValue.Edited(Username),
        ContactEmail = FormValue.Edited(ContactEmail),
        DisplayName = FormValue.Edited(DisplayName),
        GivenName = FormValue.Edited(GivenName),
        Surname = FormValue.Edited(Surname),
    };

    /// <summary>The fields this update carries, for the audit log's summary.</summary>
    public IEnumerable<string> FieldsSet() =>
        new (string Name, bool Set)[]
        {
            ("signInEmail", SignInEmail is not null), ("username", Username is not null), ("contactEmail", ContactEmail is not null), ("displayName", DisplayName is not null),
            ("givenName", GivenName is not null), ("surname", Surname is not null), ("accountEnabled", AccountEnabled is not null), ("passwordProfile", PasswordProfile is not null),
        }.Where(f => f.Set).Select(f => f.Name).DefaultIfEmpty("nothing");
}
