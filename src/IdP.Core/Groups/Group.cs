namespace IdP.Core.Groups;

/// <summary>A group of accounts; the password-reset switch's "Selected" mode names one.</summary>
public sealed class Group
{
    /// <summary>The id the reset switch and memberships refer to.</summary>
    public Guid Id { get; set; }

    /// <summary>Unique name, 1 to 256 characters.</summary>
    public required string Name { get; set; }

    /// <summary>The operator's note on what the group is for.</summary>
    public string? Description { get; set; }

    /// <summary>When the group was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The group's memberships.</summary>
    public List<GroupMember> Members { get; set; } = [];
}

/// <summary>Membership of one account in one group.</summary>
public sealed class GroupMember
{
    /// <summary>The group the account belongs to.</summary>
    public Guid GroupId { get; set; }

    /// <summary>The member account.</summary>
    public Guid AccountId { get; set; }

    /// <summary>When the account joined the group.</summary>
    public DateTimeOffset AddedAt { get; set; }
}
