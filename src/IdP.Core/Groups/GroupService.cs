namespace IdP.Core.Groups;

/// <summary>Creates groups and manages their members (the reset switch's Selected mode names one group).</summary>
public sealed class GroupService(IIdPDbContext db, TimeProvider time)
{
    /// <summary>Creates a group; names are unique.</summary>
    public async Task<GroupChange> CreateAsync(string name, string? description, CancellationToken cancellationToken)
    {
        var trimmed = name?.Trim() ?? "";
        if (await CheckAsync(null, trimmed, description, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        var group = new Group { Id = Guid.NewGuid(), Name = trimmed, Description = description, CreatedAt = time.UtcNow() };
        db.Groups.Add(group);
        await db.SaveChangesAsync(cancellationToken);
        return new GroupChange.Saved(group);
    }

    /// <summary>Every group, by name.</summary>
    public Task<List<Group>> ListAsync(CancellationToken cancellationToken) =>
        db.Groups.AsNoTracking().OrderBy(g => g.Name).ToListAsync(cancellationToken);

    /// <summary>The group, or null.</summary>
    public Task<Group?> FindAsync(Guid groupId, CancellationToken cancellationToken) =>
        db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == groupId, cancellationToken);

    /// <summary>How many members each group has.</summary>
    public async Task<Dictionary<Guid, int>> MemberCountsAsync(CancellationToken cancellationToken) =>
        await db.GroupMembers.AsNoTracking().GroupBy(m => m.GroupId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

    /// <summary>Renames a group or changes its description (null leaves a value as it is).</summary>
    public async Task<GroupChange> UpdateAsync(Guid groupId, string? name, string? description, CancellationToken cancellationToken)
    {
        var group = await db.Groups.FirstOrDefaultAsync(g => g.Id == groupId, cancellationToken);
        if (group is null)
        {
            return new GroupChange.NotFound();
        }

        var newName = name?.Trim() ?? group.Name;
        var newDescription = description ?? group.Description;
        if (await CheckAsync(groupId, newName, newDescription, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        group.Name = newName;
        group.Description = newDescription;
        await db.SaveChangesAsync(cancellationToken);
        return new GroupChange.Saved(group);
    }

    /// <summary>Deletes a group and its memberships; not the group the password-reset switch names.</summary>
    public async Task<GroupChange> DeleteAsync(Guid groupId, CancellationToken cancellationToken)
    {
        var group = await db.Groups.FirstOrDefaultAsync(g => g.Id == groupId, cancellationToken);
        if (group is null)
        {
            return new GroupChange.NotFound();
        }

        if (await db.Tenants.AnyAsync(t => t.PasswordResetGroupId == groupId, cancellationToken))
        {
            return new GroupChange.Invalid(AdminText.GroupUsedByPasswordReset(group.Name)) { Field = "id" };
        }

        db.Groups.Remove(group);
        await db.SaveChangesAsync(cancellationToken);
        return new GroupChange.Saved(group);
    }

    /// <summary>The ids of the group's members, oldest membership first.</summary>
    public Task<List<GroupMember>> MembersAsync(Guid groupId, CancellationToken cancellationToken) =>
        db.GroupMembers.AsNoTracking().Where(m => m.GroupId == groupId).OrderBy(m => m.AddedAt).ThenBy(m => m.AccountId).ToListAsync(cancellationToken);

    private async Task<GroupChange.Invalid?> CheckAsync(Guid? groupId, string name, string? description, CancellationToken cancellationToken)
    {
        if (name.Length is 0 or > 256)
        {
            return new GroupChange.Invalid(AdminText.GroupNameLength);
        }

        if (description is { Length: > 1024 })
        {
            return new GroupChange.Invalid(AdminText.GroupDescriptionTooLong) { Field = "description" };
        }

        if (await db.Groups.AnyAsync(g => g.Name == name && g.Id != groupId, cancellationToken))
        {
            return new GroupChange.Invalid(AdminText.GroupNameTaken(name));
        }

        return null;
    }

    /// <summary>Adds an account to a group (nothing changes when it is already a member).</summary>
    public async Task<GroupChange> AddMemberAsync(Guid groupId, Guid accountId, CancellationToken cancellationToken)
    {
        var group = await db.Groups.FirstOrDefaultAsync(g => g.Id == groupId, cancellationToken);
        if (group is null)
        {
            return new GroupChange.NotFound();
        }

        if (!await db.Users.AnyAsync(a => a.Id == accountId, cancellationToken))
        {
            return new GroupChange.Invalid(AdminText.AccountMissing(accountId)) { Field = "accountId" };
        }

        if (!await db.GroupMembers.AnyAsync(m => m.GroupId == groupId && m.AccountId == accountId, cancellationToken))
        {
            db.GroupMembers.Add(new GroupMember { GroupId = groupId, AccountId = accountId, AddedAt = time.UtcNow() });
            await db.SaveChangesAsync(cancellationToken);
        }

        return new GroupChange.Saved(group);
    }

    /// <summary>Removes an account from a group.</summary>
    public async Task<GroupChange> RemoveMemberAsync(Guid groupId, Guid accountId, CancellationToken cancellationToken)
    {
        var group = await db.Groups.FirstOrDefaultAsync(g => g.Id == groupId, cancellationToken);
        if (group is null)
        {
            return new GroupChange.NotFound();
        }

        await db.GroupMembers.Where(m => m.GroupId == groupId && m.AccountId == accountId).ExecuteDeleteAsync(cancellationToken);
        return new GroupChange.Saved(group);
    }

    /// <summary>True when the account is a member of the group.</summary>
    public Task<bool> IsMemberAsync(Guid groupId, Guid accountId, CancellationToken cancellationToken) =>
        db.GroupMembers.AnyAsync(m => m.GroupId == groupId && m.AccountId == accountId, cancellationToken);
}

/// <summary>Outcome of changing a group.</summary>
public abstract record GroupChange
{
    private GroupChange()
    {
    }

    /// <summary>The change is stored (or there was nothing to change, such as adding a member twice).</summary>
    /// <param name="Group">The group that was created or changed.</param>
    public sealed record Saved(Group Group) : GroupChange;

    /// <summary>Nothing was changed: <see cref="Error"/> says why, about <see cref="Field"/>.</summary>
    public sealed record Invalid(string Error) : GroupChange
    {
        /// <summary>The field the error is about, as the admin API names it.</summary>
        public string Field { get; init; } = "name";
    }

    /// <summary>No group has the id.</summary>
    public sealed record NotFound : GroupChange;
}
