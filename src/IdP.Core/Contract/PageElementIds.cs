namespace IdP.Core.Contract;

/// <summary>
/// Element ids of B2C's pages. Apps and custom page CSS written for B2C select on them, so pages and tests both
/// use these constants and a change here is a breaking change of our public contract.
/// </summary>
public static class PageElementIds
{
    // Sign-in (unified) page.
    public const string SignInName = "signInName";
    public const string Password = "password";
    public const string Next = "next";
    public const string ForgotPassword = "forgotPassword";
    public const string Cancel = "cancel";

    // Self-asserted page: email verification.
    public const string Email = "email";
    public const string Username = "username";
    public const string EmailVerifySend = "email_ver_but_send";
    public const string EmailVerifyInput = "email_ver_input";
    public const string EmailVerifyVerify = "email_ver_but_verify";
    public const string EmailVerifyResend = "email_ver_but_resend";
    public const string EmailVerifyEdit = "email_ver_but_edit";
    public const string EmailVerifyInfo = "email_info";
    public const string EmailVerifySuccess = "email_success";
    public const string Continue = "continue";

    // Self-asserted page: new password.
    public const string NewPassword = "newPassword";
    public const string ReenterPassword = "reenterPassword";

    // Shared.
    public const string ErrorMessage = "errorMessage";
    public const string Api = "api";
}
