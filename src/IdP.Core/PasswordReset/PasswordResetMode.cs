namespace IdP.Core.PasswordReset;

/// <summary>The tenant's "Self service password reset enabled" switch, as in Azure AD: None, Selected (one group) or All.</summary>
public enum PasswordResetMode
{
    /// <summary>Nobody may reset (the default).</summary>
    None = 0,

    /// <summary>Only members of the tenant's chosen group may reset.</summary>
    Selected = 1,

    /// <summary>Every enabled account may reset.</summary>
    All = 2,
}
