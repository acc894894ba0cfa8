using System.ComponentModel.DataAnnotations;

namespace IdP.Server.Admin;

/// <summary>
/// Bound from <c>IdP:Admin</c>: the operator's credentials for the admin pages (today the Run now list page; the admin
/// portal will take them over), checked by <see cref="AdminBasicAuthenticationHandler"/>. Without them the admin pages
/// exist only in Development.
/// </summary>
public sealed class AdminOptions : IValidatableObject
{
    public const string Section = "IdP:Admin";

    [StringLength(256)]
    public string? UserName { get; set; }

    /// <summary>Compared in fixed time; give it from a secret store or an environment variable, never a committed file.</summary>
    [StringLength(1024, MinimumLength = 12, ErrorMessage = "IdP:Admin:Password must be 12 to 1024 characters.")]
    public string? Password { get; set; }

    /// <summary>True when both the user name and the password are set.</summary>
    public bool IsConfigured => !string.IsNullOrEmpty(UserName) && !string.IsNullOrEmpty(Password);

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
        if (string.IsNullOrEmpty(UserName) != string.IsNullOrEmpty(Password))
        {
            yield return new ValidationResult("Set both IdP:Admin:UserName and IdP:Admin:Password, or neither.", [nameof(UserName), nameof(Password)]);
        }

        if (string.IsNullOrEmpty(ClientId) != string.IsNullOrEmpty(ClientSecret))
        {
            yield return new ValidationResult("Set both IdP:Admin:ClientId and IdP:Admin:ClientSecret, or neither.", [nameof(ClientId), nameof(ClientSecret)]);
        }
    }
}
