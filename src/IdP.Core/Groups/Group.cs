namespace IdP.Core.Groups;

/// <summary>A group of accounts; the password-reset switch's "Selected" mode names one.</summary>
public sealed class Group
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<GroupMember> Members { get; set; } = [];
}

/// <summary>Membership of one account in one group.</summary>
public sealed class GroupMember
{
    public Guid GroupId { get; set; }
    public Guid AccountId { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}
