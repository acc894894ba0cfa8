namespace IdP.Server.PasswordReset;

/// <summary>Marker for the reset pages' string resources (PasswordResetText.resx).</summary>
public sealed class PasswordResetText;
