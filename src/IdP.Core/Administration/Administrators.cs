using Microsoft.AspNetCore.Identity;

namespace IdP.Core.Administration;

/// <summary>
/// Who may use the admin portal: local accounts holding the <see cref="Role"/> role (an ASP.NET Core Identity role, so
/// it lives in the database every node reads). The first administrator comes from the CLI (<c>admin create</c>) or
/// configuration; later ones are granted by an administrator. The last administrator cannot be revoked, so the portal
/// can never lock every operator out.
/// </summary>
public sealed class Administrators(
    UserManager<Account> users,
    RoleManager<IdentityRole<Guid>> roles,
    UserAdministration userAdministration,
    AdminAudit audit)
{
    /// <summary>The role's stored name (and the value of the <c>role</c> claim the portal checks).</summary>
    public const string Role = "IdP.Administrator";

    /// <summary>Whether the account holds the role.</summary>
    public async Task<bool> IsAdministratorAsync(Guid accountId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var account = await users.FindByIdAsync(accountId.ToString());
        return account is not null && await users.IsInRoleAsync(account, Role);
    }

    /// <summary>Every administrator's id.</summary>
    public async Task<IReadOnlyList<Guid>> ListAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return [.. (await users.GetUsersInRoleAsync(Role)).Select(a => a.Id)];
    }

    /// <summary>Creates an account (the admin API's document shape) and makes it an administrator (two audit events: created, then granted).</summary>
    public async Task<AdminResult<UserDetails>> CreateAsync(NewUserDocument document, string actor, CancellationToken cancellationToken)
    {
        var created = await userAdministration.CreateAsync(document, actor, cancellationToken);
        if (created is not AdminResult<UserDetails>.Done { Value: var user })
        {
            return created;
        }

        return await GrantAsync(user.Id, actor, cancellationToken);
    }

    /// <summary>Makes an existing account an administrator (nothing changes when it already is one).</summary>
    public Task<AdminResult<UserDetails>> GrantAsync(Guid accountId, string actor, CancellationToken cancellationToken) =>
        audit.RecordAsync(actor, async () =>
        {
            var account = await users.FindByIdAsync(accountId.ToString());
            if (account is null)
            {
                return new AdminResult<UserDetails>.NotFound();
            }

            await EnsureRoleAsync();
            if (!await users.IsInRoleAsync(account, Role))
            {
                Check(await users.AddToRoleAsync(account, Role));
            }

            return await userAdministration.GetAsync(accountId, cancellationToken);
        }, user => new AdminEvent(AdminEventTypes.AdministratorGranted, Target(user.Id), "made an administrator") { AccountId = user.Id }, cancellationToken);

    /// <summary>Takes the role away; refused for the last administrator.</summary>
    public Task<AdminResult<UserDetails>> RevokeAsync(Guid accountId, string actor, CancellationToken cancellationToken) =>
        audit.RecordAsync(actor, async () =>
        {
            var account = await users.FindByIdAsync(accountId.ToString());
            if (account is null)
            {
                return new AdminResult<UserDetails>.NotFound();
            }

            if (await users.IsInRoleAsync(account, Role))
            {
                if ((await users.GetUsersInRoleAsync(Role)).Count <= 1)
                {
                    return new AdminResult<UserDetails>.Invalid("administrator", AdminText.LastAdministrator);
                }

                Check(await users.RemoveFromRoleAsync(account, Role));
            }

            return await userAdministration.GetAsync(accountId, cancellationToken);
        }, user => new AdminEvent(AdminEventTypes.AdministratorRevoked, Target(user.Id), "no longer an administrator") { AccountId = user.Id }, cancellationToken);

    private async Task EnsureRoleAsync()
    {
        if (!await roles.RoleExistsAsync(Role))
        {
            Check(await roles.CreateAsync(new IdentityRole<Guid>(Role) { Id = Guid.NewGuid() }));
        }
    }

    // Identity reports failures as results; the role and account exist here, so a failure is a bug or a lost race.
    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new DbUpdateException(string.Join("; ", result.Errors.Select(e => e.Code)));
        }
    }

    private static string Target(Guid id) => $"user:{id:D}";
}
