namespace IdP.Server.Admin;

/// <summary>
/// Bound from <c>IdP:Admin</c>: the admin API's own confidential client, registered at start-up. (The operator's HTTP
/// Basic credentials, <c>IdP:Admin:UserName</c> and <c>Password</c>, went with the Run now list page they guarded: the
/// list is the admin portal's user flows now, behind an administrator's sign-in.)
/// </summary>
public sealed class AdminOptions : IValidatableObject
{
    public const string Section = "IdP:Admin";

    /// <summary>
    /// The application the admin API's first caller uses (a script, a CI job, the CLI elsewhere): registered at start-up
    /// as a confidential client that may use the client credentials grant for the scope <c>idp.admin</c>.
    /// </summary>
    [StringLength(128)]
    public string? ClientId { get; set; }

    /// <summary>Its secret (at least 16 characters), from a secret store or an environment variable.</summary>
    [StringLength(512, MinimumLength = 16, ErrorMessage = "IdP:Admin:ClientSecret must be 16 to 512 characters.")]
    public string? ClientSecret { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrEmpty(ClientId) != string.IsNullOrEmpty(ClientSecret))
        {
            yield return new ValidationResult("Set both IdP:Admin:ClientId and IdP:Admin:ClientSecret, or neither.", [nameof(ClientId), nameof(ClientSecret)]);
        }
    }
}
