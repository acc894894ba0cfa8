namespace IdP.Server.Admin.Portal;

/// <summary>
/// Bound from <c>IdP:Admin:Portal</c>: the admin portal at <c>/admin</c>, an OpenID Connect client of this server that
/// signs administrators in through one of its own sign-in flows.
/// </summary>
public sealed class PortalOptions
{
    public const string Section = "IdP:Admin:Portal";

    /// <summary>On by default; off, <c>/admin</c> has no pages and the portal's application is removed.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The sign-in user flow administrators sign in with (created on first start).</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_-]{1,128}$", ErrorMessage = "IdP:Admin:Portal:Policy must name a user flow (letters, digits, '_' and '-').")]
    public string Policy { get; set; } = Seeding.IdPInitializer.DefaultFlowName;

    /// <summary>How long a portal session lasts without use (minutes).</summary>
    [Range(5, 24 * 60, ErrorMessage = "IdP:Admin:Portal:SessionMinutes must be 5 to 1440.")]
    public int SessionMinutes { get; set; } = 60;
}

/// <summary>
/// Bound from <c>IdP:Admin:Bootstrap</c>: the first administrator. At start-up, while no account holds the role, the
/// account with this sign-in email is made an administrator (created with <see cref="Password"/> when it does not exist).
/// Once an administrator exists the settings are ignored, so they cannot be used to come back in later.
/// </summary>
public sealed class AdminBootstrapOptions : IValidatableObject
{
    public const string Section = "IdP:Admin:Bootstrap";

    [EmailAddress(ErrorMessage = "IdP:Admin:Bootstrap:Email must be an email address.")]
    [StringLength(256)]
    public string? Email { get; set; }

    /// <summary>Needed only when the account does not exist yet; give it from a secret store or an environment variable.</summary>
    [StringLength(256)]
    public string? Password { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrEmpty(Email) && !string.IsNullOrEmpty(Password))
        {
            yield return new ValidationResult("IdP:Admin:Bootstrap:Password is set without IdP:Admin:Bootstrap:Email.", [nameof(Email)]);
        }
    }
}
