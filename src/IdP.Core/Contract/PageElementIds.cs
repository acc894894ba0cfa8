namespace IdP.Core.Contract;

/// <summary>
/// Element ids of B2C's pages. Apps and custom page CSS written for B2C select on them, so pages and tests both
/// use these constants and a change here is a breaking change of our public contract.
/// </summary>
public static class PageElementIds
{
    // Sign-in (unified) page.
    /// <summary>The sign-in name input (email address or username, per the user flow).</summary>
    public const string SignInName = "signInName";

    /// <summary>The password input.</summary>
    public const string Password = "password";

    /// <summary>The sign-in button.</summary>
    public const string Next = "next";

    /// <summary>The forgot-password link (a button where the hand-off needs a POST); also the hand-off page's continue button.</summary>
    public const string ForgotPassword = "forgotPassword";

    /// <summary>The "Keep me signed in" checkbox (its id and its form name), on flows with KMSI on.</summary>
    public const string RememberMe = "rememberMe";

    /// <summary>The cancel button, which ends the journey with AADB2C90091.</summary>
    public const string Cancel = "cancel";

    // Self-asserted page: email verification.
    /// <summary>The email address input.</summary>
    public const string Email = "email";

    /// <summary>The username input, shown only on user flows whose sign-in name is a username.</summary>
    public const string Username = "username";

    /// <summary>The button that sends a verification code.</summary>
    public const string EmailVerifySend = "email_ver_but_send";

    /// <summary>The verification code input.</summary>
    public const string EmailVerifyInput = "email_ver_input";

    /// <summary>The button that checks the typed code.</summary>
    public const string EmailVerifyVerify = "email_ver_but_verify";

    /// <summary>The button that sends a new code.</summary>
    public const string EmailVerifyResend = "email_ver_but_resend";

    /// <summary>The button that unlocks the address to change it after a code was sent.</summary>
    public const string EmailVerifyEdit = "email_ver_but_edit";

    /// <summary>The status text that says a code was sent.</summary>
    public const string EmailVerifyInfo = "email_info";

    /// <summary>The status text that says the address is verified.</summary>
    public const string EmailVerifySuccess = "email_success";

    // Self-asserted page: the email second factor (B2C's readOnlyEmail claim, verified by code).
    /// <summary>The account's email address, shown read-only.</summary>
    public const string ReadOnlyEmail = "readOnlyEmail";

    /// <summary>The button that sends a code to the read-only address.</summary>
    public const string ReadOnlyEmailVerifySend = "readOnlyEmail_ver_but_send";

    /// <summary>The second factor's code input.</summary>
    public const string ReadOnlyEmailVerifyInput = "readOnlyEmail_ver_input";

    /// <summary>The button that checks the second factor's code.</summary>
    public const string ReadOnlyEmailVerifyVerify = "readOnlyEmail_ver_but_verify";

    /// <summary>The button that sends a new second-factor code.</summary>
    public const string ReadOnlyEmailVerifyResend = "readOnlyEmail_ver_but_resend";

    /// <summary>The status text that says a second-factor code was sent.</summary>
    public const string ReadOnlyEmailVerifyInfo = "readOnlyEmail_info";

    /// <summary>The self-asserted page's continue button.</summary>
    public const string Continue = "continue";

    // Self-asserted page: new password.
    /// <summary>The new password input.</summary>
    public const string NewPassword = "newPassword";

    /// <summary>The confirm-new-password input.</summary>
    public const string ReenterPassword = "reenterPassword";

    // Shared.
    /// <summary>The first paragraph of the page-level error block.</summary>
    public const string ErrorMessage = "errorMessage";

    /// <summary>The container of the page's content; its <c>data-name</c> says which B2C page it is (Unified, SelfAsserted…).</summary>
    public const string Api = "api";
}
