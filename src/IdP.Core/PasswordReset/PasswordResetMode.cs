namespace IdP.Core.PasswordReset;

/// <summary>The tenant's "Self service password reset enabled" switch, as in Azure AD: None, Selected (one group) or All.</summary>
public enum PasswordResetMode
{
    None = 0,
    Selected = 1,
    All = 2,
}
