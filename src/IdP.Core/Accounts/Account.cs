using Microsoft.AspNetCore.Identity;

namespace IdP.Core.Accounts;

/// <summary>
/// A local account. The Identity user id is the B2C object id (<c>oid</c>, <c>sub</c>); <see cref="IdentityUser{TKey}.Email"/>
/// is the contact email used for recovery, which need not be a sign-in name. <see cref="IdentityUser{TKey}.UserName"/> is
/// an internal handle (the object id): people sign in with <see cref="SignInNames"/>.
/// </summary>
public sealed class Account : IdentityUser<Guid>
{
    /// <summary>The <c>name</c> claim.</summary>
    public string? DisplayName { get; set; }

    /// <summary>The <c>given_name</c> claim.</summary>
    public string? GivenName { get; set; }

    /// <summary>The <c>family_name</c> claim.</summary>
    public string? Surname { get; set; }

    /// <summary>Disabled accounts can neither sign in nor reset their password.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Graph's <c>passwordProfile.forceChangePasswordNextSignIn</c>: an administrator set a temporary password, so on a
    /// flow with "Forced password reset" on the user must choose a new one before the sign-in finishes. Any password
    /// change clears it.
    /// </summary>
    public bool ForceChangePasswordNextSignIn { get; set; }

    /// <summary>When the account was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the account last changed (today only a password change sets it).</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The email addresses and username the account signs in with.</summary>
    public List<SignInName> SignInNames { get; set; } = [];
}
