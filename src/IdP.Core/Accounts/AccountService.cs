using Microsoft.AspNetCore.Identity;

namespace IdP.Core.Accounts;

/// <summary>Creates local accounts (a hashed password, a first security stamp), keeping sign-in names unique, and finds them by sign-in name.</summary>
public sealed class AccountService(IIdPDbContext db, IPasswordHasher<Account> hasher, TimeProvider time)
{
    /// <summary>Creates an account with the given sign-in names; fails when a name is malformed or taken.</summary>
    public async Task<AccountCreation> CreateAsync(NewAccount request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<FieldError>();
        var names = new List<SignInName>();
        foreach (var (field, kind, value) in new[] { ("signInEmail", SignInNameKind.Email, request.SignInEmail), ("username", SignInNameKind.Username, request.Username) })
        {
            if (value is null)
            {
                continue;
            }

            if (SignInNameNormalizer.Validate(kind, value) is { } error)
            {
                errors.Add(new(field, error));
                continue;
            }

            var normalized = SignInNameNormalizer.Normalize(value);
            if (await db.SignInNames.AnyAsync(n => n.Kind == kind && n.NormalizedValue == normalized, cancellationToken))
            {
                errors.Add(new(field, AdminText.SignInNameTaken(kind, value.Trim())));
                continue;
            }

            names.Add(new SignInName { Id = Guid.NewGuid(), Kind = kind, Value = value.Trim(), NormalizedValue = normalized });
        }

        if (names.Count == 0 && errors.Count == 0)
        {
            errors.Add(new("signInEmail", AdminText.SignInNameRequired));
        }

        var contactEmail = request.ContactEmail ?? request.SignInEmail;
        // Validated like a sign-in email: it is stored normalised too (NormalizedEmail), so its key must fit as well.
        if (contactEmail is not null && SignInNameNormalizer.Validate(SignInNameKind.Email, contactEmail) is not null)
        {
            errors.Add(new("contactEmail", AdminText.ContactEmailInvalid));
        }

        if (errors.Count > 0)
        {
            return new AccountCreation.Invalid(errors);
        }

        var now = time.UtcNow();
        var id = Guid.NewGuid();
        var account = new Account
        {
            Id = id,
            UserName = id.ToString("N"),
            NormalizedUserName = id.ToString("N").ToUpperInvariant(),
            Email = contactEmail?.Trim(),
            NormalizedEmail = contactEmail is null ? null : SignInNameNormalizer.Normalize(contactEmail),
            EmailConfirmed = contactEmail is not null,
            DisplayName = request.DisplayName,
            GivenName = request.GivenName,
            Surname = request.Surname,
            Enabled = true,
            SecurityStamp = Guid.NewGuid().ToString("N"),
            ConcurrencyStamp = Guid.NewGuid().ToString("N"),
            CreatedAt = now,
            UpdatedAt = now,
            SignInNames = names,
        };
        account.PasswordHash = hasher.HashPassword(account, request.Password);
        db.Users.Add(account);
        await db.SaveChangesAsync(cancellationToken);
        return new AccountCreation.Created(account);
    }

    /// <summary>The account that signs in with <paramref name="signInName"/> of the given kind, or null.</summary>
    public Task<Account?> FindBySignInNameAsync(SignInNameKind kind, string signInName, CancellationToken cancellationToken)
    {
        var normalized = SignInNameNormalizer.Normalize(signInName);
        return db.SignInNames.AsNoTracking()
            .Where(n => n.Kind == kind && n.NormalizedValue == normalized)
            .Join(db.Users, n => n.AccountId, a => a.Id, (n, a) => a)
            .FirstOrDefaultAsync(cancellationToken);
    }
}

/// <summary>What an account is created with.</summary>
/// <param name="Password">The initial password, stored hashed; no flow's complexity rule applies here.</param>
public sealed record NewAccount(string Password)
{
    /// <summary>Email address to sign in with; also the contact email when none is given.</summary>
    public string? SignInEmail { get; init; }

    /// <summary>Username to sign in with.</summary>
    public string? Username { get; init; }

    /// <summary>Recovery address; defaults to <see cref="SignInEmail"/>.</summary>
    public string? ContactEmail { get; init; }

    /// <summary>The <c>name</c> claim.</summary>
    public string? DisplayName { get; init; }

    /// <summary>The <c>given_name</c> claim.</summary>
    public string? GivenName { get; init; }

    /// <summary>The <c>family_name</c> claim.</summary>
    public string? Surname { get; init; }
}

/// <summary>Outcome of creating an account.</summary>
public abstract record AccountCreation
{
    private AccountCreation()
    {
    }

    /// <summary>The account was stored.</summary>
    /// <param name="Account">The new account, with its sign-in names.</param>
    public sealed record Created(Account Account) : AccountCreation;

    /// <summary>Nothing was stored; each problem names its field (<c>signInEmail</c>, <c>username</c>, <c>contactEmail</c>).</summary>
    public sealed record Invalid(IReadOnlyList<FieldError> Problems) : AccountCreation
    {
        /// <summary>The problems' messages.</summary>
        public IReadOnlyList<string> Errors => [.. Problems.Select(p => p.Message)];
    }
}
