namespace IdP.Core.PasswordReset;

/// <summary>The reset feature's emails, written from templates and localised strings by the web host.</summary>
public interface IPasswordResetEmails
{
    /// <summary>The message carrying a verification code (subject "{tenant} account email verification code"), in the flow's language and the tenant's branding.</summary>
    Task<EmailMessage> VerificationCodeAsync(Tenant tenant, string toAddress, string code, TimeSpan lifetime, CancellationToken cancellationToken);

    /// <summary>The notice sent to the contact address after a password change, in the flow's language and the tenant's branding.</summary>
    Task<EmailMessage> PasswordChangedAsync(Tenant tenant, Account account, DateTimeOffset changedAt, CancellationToken cancellationToken);
}

/// <summary>Outbox kinds of the reset feature's emails.</summary>
public static class PasswordResetEmailKinds
{
    /// <summary>The message carrying a verification code.</summary>
    public const string VerificationCode = "password_reset.code";

    /// <summary>The notice that the password was changed.</summary>
    public const string PasswordChanged = "password_reset.changed";

    /// <summary>The message carrying a sign-in's second-factor code (the same message as a reset's code, as in B2C).</summary>
    public const string MultifactorCode = "mfa.code";
}
