namespace IdP.Server.PasswordReset;

/// <summary>A new password, typed twice, under B2C's field names: reset step 2 and the forced change at sign-in post it.</summary>
[ErrorMessagesFrom(typeof(PasswordResetText))]
public sealed class NewPasswordInput
{
    [Required(AllowEmptyStrings = true, ErrorMessage = "Required")]
    [ModelBinder(Name = PageElementIds.NewPassword)]
    public string? NewPassword { get; set; }

    [Required(AllowEmptyStrings = true, ErrorMessage = "Required")]
    [ModelBinder(Name = PageElementIds.ReenterPassword)]
    public string? ReenterPassword { get; set; }
}
