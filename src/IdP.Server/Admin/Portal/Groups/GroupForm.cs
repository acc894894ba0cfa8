namespace IdP.Server.Admin.Portal.Groups;

/// <summary>A group's name and description as the portal's form edits them (names unique: the core's rule).</summary>
[ErrorMessagesFrom(typeof(PortalText))]
public sealed class GroupForm
{
    [Required(ErrorMessage = "RequiredGroupName")]
    [StringLength(256, ErrorMessage = "TooLong")]
    public string? Name { get; set; }

    [StringLength(1024, ErrorMessage = "TooLong")]
    public string? Description { get; set; }

    /// <summary>As the core takes it (which trims both); an empty description removes it.</summary>
    public GroupInput ToInput() => new() { Name = Name, Description = Description ?? "" };
}
