namespace IdP.Server.Admin.Portal.Users;

/// <summary><c>/admin/users/new</c>: creates a local account with the core's rules (names, password complexity), audited.</summary>
public sealed class NewModel(UserAdministration users, IStringLocalizer<PortalText> text) : PortalPageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var document = new NewUserDocument
        {
            SignInEmail = FormValue.Trimmed(Input.SignInEmail),
            Username = FormValue.Trimmed(Input.Username),
            ContactEmail = FormValue.Trimmed(Input.ContactEmail),
            DisplayName = FormValue.Trimmed(Input.DisplayName),
            GivenName = FormValue.Trimmed(Input.GivenName),
            Surname = FormValue.Trimmed(Input.Surname),
            Password = Input.Password,
            ForceChangePasswordNextSignIn = Input.ForceChangePasswordNextSignIn,
        };
        return await AnswerAsync(
            await users.CreateAsync(document, Actor, Aborted),
            created => text["UserCreated", created.SignInEmail ?? created.Username ?? created.Id.ToString()],
            created => RedirectToPage("/Admin/Portal/Users/Edit", new { id = created.Id }),
            () => Task.CompletedTask);
    }

    [ErrorMessagesFrom(typeof(PortalText))]
    public sealed class InputModel : UserFields
    {
        [Required(ErrorMessage = "RequiredPassword")]
        [StringLength(256, ErrorMessage = "TooLong")]
        public string? Password { get; set; }

        /// <summary>A temporary password: the user chooses their own at the next sign-in (flows with "Forced password reset" on).</summary>
        public bool ForceChangePasswordNextSignIn { get; set; }
    }
}
