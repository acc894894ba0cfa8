namespace IdP.Core.Contract;

/// <summary>A B2C error an app receives: its AADB2C code and the description that starts with it.</summary>
public sealed record B2CError(string Code, string Description)
{
    public static B2CError AccountNoLongerExists { get; } = new(B2CErrorCodes.AccountNoLongerExists, B2CErrorCodes.AccountNoLongerExistsDescription);

    public static B2CError AccountLocked { get; } = new(B2CErrorCodes.AccountLocked, B2CErrorCodes.AccountLockedDescription);

    public static B2CError GrantRevoked { get; } = new(B2CErrorCodes.GrantRevoked, B2CErrorCodes.GrantRevokedDescription);

    public static B2CError GrantExpired { get; } = new(B2CErrorCodes.GrantExpired, B2CErrorCodes.GrantExpiredDescription);
}
