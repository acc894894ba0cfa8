using Microsoft.AspNetCore.Identity;

namespace IdP.Core.Accounts;

/// <summary>
/// A local account. The Identity user id is the B2C object id (<c>oid</c>, <c>sub</c>); <see cref="IdentityUser{TKey}.Email"/>
/// is the contact email used for recovery, which need not be a sign-in name. <see cref="IdentityUser{TKey}.UserName"/> is
/// an internal handle (the object id): people sign in with <see cref="SignInNames"/>.
/// </summary>
public sealed class Account : IdentityUser<Guid>
{
    public string? DisplayName { get; set; }
    public string? GivenName { get; set; }
    public string? Surname { get; set; }

    /// <summary>Disabled accounts can neither sign in nor reset their password.</summary>
    public bool Enabled { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public List<SignInName> SignInNames { get; set; } = [];
}
