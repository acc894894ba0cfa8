using IdP.Core.Data;
using IdP.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace IdP.Core.Groups;

/// <summary>Creates groups and manages their members (the reset switch's Selected mode names one group).</summary>
public sealed class GroupService(IIdPDbContext db, TimeProvider time)
{
    /// <summary>Creates a group; names are unique.</summary>
    public async Task<GroupChange> CreateAsync(string name, string? description, CancellationToken cancellationToken)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length is 0 or > 256)
        {
            return new GroupChange.Invalid("A group name must have 1 to 256 characters.");
        }

        if (await db.Groups.AnyAsync(g => g.Name == trimmed, cancellationToken))
        {
            return new GroupChange.Invalid($"A group named '{trimmed}' already exists.");
        }

        var group = new Group { Id = Guid.NewGuid(), Name = trimmed, Description = description, CreatedAt = time.UtcNow() };
        db.Groups.Add(group);
        await db.SaveChangesAsync(cancellationToken);
        return new GroupChange.Saved(group);
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
            return new GroupChange.Invalid($"The account '{accountId}' does not exist.");
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

    /// <summary>Nothing changed.</summary>
    /// <param name="Error">Why, worded for the operator: a bad or taken name, or an unknown account.</param>
    public sealed record Invalid(string Error) : GroupChange;

    /// <summary>No group has the id.</summary>
    public sealed record NotFound : GroupChange;
}
