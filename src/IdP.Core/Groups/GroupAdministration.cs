namespace IdP.Core.Groups;

/// <summary>Groups and their members as administrators manage them (the admin API, portal and CLI), each change audited.</summary>
public sealed class GroupAdministration(IIdPDbContext db, GroupService groups, AdminAudit audit)
{
    /// <summary>How many groups there are; counted in the database.</summary>
    public Task<int> CountAsync(CancellationToken cancellationToken) => db.Groups.CountAsync(cancellationToken);

    /// <summary>Every group, by name, with its member count.</summary>
    public async Task<IReadOnlyList<GroupDetails>> ListAsync(CancellationToken cancellationToken)
    {
        var counts = await groups.MemberCountsAsync(cancellationToken);
        return [.. (await groups.ListAsync(cancellationToken)).Select(g => GroupDetails.Of(g, counts.GetValueOrDefault(g.Id)))];
    }

    /// <summary>One group, or NotFound.</summary>
    public async Task<AdminResult<GroupDetails>> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await groups.FindAsync(id, cancellationToken) is not { } group)
        {
            return new AdminResult<GroupDetails>.NotFound();
        }

        var count = await db.GroupMembers.CountAsync(m => m.GroupId == id, cancellationToken);
        return new AdminResult<GroupDetails>.Done(GroupDetails.Of(group, count));
    }

    /// <summary>Creates a group; names are unique.</summary>
    public Task<AdminResult<GroupDetails>> CreateAsync(GroupInput input, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        input = input.Trimmed();
        return audit.RecordAsync(actor, async () => await Translate(await groups.CreateAsync(input.Name ?? "", input.Description, cancellationToken), cancellationToken),
            created => new AdminEvent(AdminEventTypes.GroupCreated, Target(created.Id), $"created '{created.Name}'"), cancellationToken);
    }

    /// <summary>Renames a group or changes its description; what the input leaves out stays.</summary>
    public Task<AdminResult<GroupDetails>> UpdateAsync(Guid id, GroupInput input, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        input = input.Trimmed();
        return audit.RecordAsync(actor, async () => await Translate(await groups.UpdateAsync(id, input.Name, input.Description, cancellationToken), cancellationToken),
            updated => new AdminEvent(AdminEventTypes.GroupUpdated, Target(id), "changed " + string.Join(", ", new[] { input.Name is null ? null : "name", input.Description is null ? null : "description" }.OfType<string>().DefaultIfEmpty("nothing"))), cancellationToken);
    }

    /// <summary>Deletes a group and its memberships (not the group the password-reset switch names).</summary>
    public Task<AdminResult<GroupDetails>> DeleteAsync(Guid id, string actor, CancellationToken cancellationToken) =>
        audit.RecordAsync<GroupDetails>(actor, async () =>
        {
            var count = await db.GroupMembers.CountAsync(m => m.GroupId == id, cancellationToken);
            return await groups.DeleteAsync(id, cancellationToken) switch
            {
                GroupChange.Saved saved => new AdminResult<GroupDetails>.Done(GroupDetails.Of(saved.Group, count)),
                GroupChange.Invalid invalid => new AdminResult<GroupDetails>.Invalid(invalid.Field, invalid.Error),
                _ => new AdminResult<GroupDetails>.NotFound(),
            };
        }, deleted => new AdminEvent(AdminEventTypes.GroupDeleted, Target(id), $"deleted '{deleted.Name}' ({deleted.MemberCount} members)"), cancellationToken);

    /// <summary>The group's members, oldest membership first, one page.</summary>
    public async Task<AdminResult<Paged<UserDetails>>> MembersAsync(Guid id, int page, int pageSize, CancellationToken cancellationToken)
    {
        if (Paging.Check(page, pageSize) is { Count: > 0 } errors)
        {
            return new AdminResult<Paged<UserDetails>>.Invalid(errors);
        }

        if (await groups.FindAsync(id, cancellationToken) is null)
        {
            return new AdminResult<Paged<UserDetails>>.NotFound();
        }

        var members = db.GroupMembers.AsNoTracking().Where(m => m.GroupId == id);
        var total = await members.CountAsync(cancellationToken);
        var accounts = await members.OrderBy(m => m.AddedAt).ThenBy(m => m.AccountId)
            .Skip(Paging.Skip(page, pageSize)).Take(pageSize)
            .Join(db.Users, m => m.AccountId, a => a.Id, (m, a) => a)
            .ToListAsync(cancellationToken);
        var ids = accounts.Select(a => a.Id).ToList();
        var names = await db.SignInNames.AsNoTracking().Where(n => ids.Contains(n.AccountId)).ToListAsync(cancellationToken);
        return new AdminResult<Paged<UserDetails>>.Done(new Paged<UserDetails>([.. accounts.Select(a => UserDetails.Of(a, names.Where(n => n.AccountId == a.Id)))], page, pageSize, total));
    }

    /// <summary>Adds a user to the group (nothing changes when it is already a member).</summary>
    public Task<AdminResult<GroupDetails>> AddMemberAsync(Guid id, Guid accountId, string actor, CancellationToken cancellationToken) =>
        audit.RecordAsync(actor, async () => await Translate(await groups.AddMemberAsync(id, accountId, cancellationToken), cancellationToken),
            _ => new AdminEvent(AdminEventTypes.GroupMemberAdded, Target(id), $"member {accountId:D} added") { AccountId = accountId }, cancellationToken);

    /// <summary>Removes a user from the group; NotFound when the user is not a member.</summary>
    public Task<AdminResult<GroupDetails>> RemoveMemberAsync(Guid id, Guid accountId, string actor, CancellationToken cancellationToken) =>
        audit.RecordAsync(actor, async () =>
        {
            if (!await groups.IsMemberAsync(id, accountId, cancellationToken))
            {
                return new AdminResult<GroupDetails>.NotFound();
            }

            return await Translate(await groups.RemoveMemberAsync(id, accountId, cancellationToken), cancellationToken);
        }, _ => new AdminEvent(AdminEventTypes.GroupMemberRemoved, Target(id), $"member {accountId:D} removed") { AccountId = accountId }, cancellationToken);

    private async Task<AdminResult<GroupDetails>> Translate(GroupChange change, CancellationToken cancellationToken) => change switch
    {
        GroupChange.Saved saved => await GetAsync(saved.Group.Id, cancellationToken),
        GroupChange.Invalid invalid => new AdminResult<GroupDetails>.Invalid(invalid.Field, invalid.Error),
        _ => new AdminResult<GroupDetails>.NotFound(),
    };

    private static string Target(Guid id) => $"group:{id:D}";
}

/// <summary>A group as administrators see it.</summary>
public sealed record GroupDetails(Guid Id, string Name, string? Description, int MemberCount, DateTimeOffset CreatedAt)
{
    /// <summary>The details of a group with its member count.</summary>
    public static GroupDetails Of(Group group, int memberCount)
    {
        ArgumentNullException.ThrowIfNull(group);
        return new(group.Id, group.Name, group.Description, memberCount, group.CreatedAt);
    }
}

/// <summary>A group's name and description as administrators send them (on update, null leaves a value as it is).</summary>
public sealed record GroupInput
{
    /// <summary>The group's name, unique.</summary>
    public string? Name { get; init; }
    /// <summary>What the group is for.</summary>
    public string? Description { get; init; }

    /// <summary>The input as the rules read it: name and description without surrounding spaces (<see cref="FormValue"/>).</summary>
    public GroupInput Trimmed() => this with { Name = FormValue.Edited(Name), Description = FormValue.Edited(Description) };
}
