namespace IdP.Core.Contract;

/// <summary>A B2C error an app receives: its AADB2C code and the description that starts with it.</summary>
public sealed record B2CError(string Code, string Description)
{
    /// <summary>AADB2C90128: the account was deleted after the session or grant was issued.</summary>
    public static B2CError AccountNoLongerExists { get; } = new(B2CErrorCodes.AccountNoLongerExists, B2CErrorCodes.AccountNoLongerExistsDescription);

    /// <summary>AADB2C90111: the account was disabled after the session or grant was issued.</summary>
    public static B2CError AccountLocked { get; } = new(B2CErrorCodes.AccountLocked, B2CErrorCodes.AccountLockedDescription);

    /// <summary>AADB2C90129: the account's security stamp changed (password reset) after the session or grant was issued.</summary>
    public static B2CError GrantRevoked { get; } = new(B2CErrorCodes.GrantRevoked, B2CErrorCodes.GrantRevokedDescription);

    /// <summary>AADB2C90080: the refresh token's sliding window has ended.</summary>
    public static B2CError GrantExpired { get; } = new(B2CErrorCodes.GrantExpired, B2CErrorCodes.GrantExpiredDescription);
}
