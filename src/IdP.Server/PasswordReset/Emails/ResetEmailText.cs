namespace IdP.Server.PasswordReset.Emails;

/// <summary>Marker for the reset emails' string resources (ResetEmailText.resx).</summary>
public sealed class ResetEmailText;
