namespace IdP.Server.Admin.Portal.Users;

/// <summary>
/// The fields of a user the portal edits (the admin API's names, so the core's field errors land next to them). Only
/// lengths are checked here; the rules (a sign-in name, unique names, email shape) are the core's.
/// </summary>
[ErrorMessagesFrom(typeof(PortalText))]
public class UserFields
{
    [StringLength(256, ErrorMessage = "TooLong")]
    public string? SignInEmail { get; set; }

    [StringLength(256, ErrorMessage = "TooLong")]
    public string? Username { get; set; }

    [StringLength(256, ErrorMessage = "TooLong")]
    public string? ContactEmail { get; set; }

    [StringLength(256, ErrorMessage = "TooLong")]
    public string? DisplayName { get; set; }

    [StringLength(256, ErrorMessage = "TooLong")]
    public string? GivenName { get; set; }

    [StringLength(256, ErrorMessage = "TooLong")]
    public string? Surname { get; set; }
}
