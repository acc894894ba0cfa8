namespace IdP.Server.Admin.Portal.Users;

/// <summary>
/// <c>/admin/users/{id}</c>: a user's profile, password, sessions, state, administrator role and deletion (after a
/// confirmation page). Each button is a named handler calling the core's <see cref="UserAdministration"/> or
/// <see cref="Administrators"/>, which hold the rules and write the audit events.
/// </summary>
public sealed class EditModel(UserAdministration users, Administrators administrators, IStringLocalizer<PortalText> text)
    : PortalEditPageModel<UserDetails>("/Admin/Portal/Users/Index")
{
    [BindProperty]
    public UserFields Input { get; set; } = new();

    [BindProperty]
    public string? NewPassword { get; set; }

    /// <summary>Set with the password: it is temporary, and the user chooses their own at the next sign-in.</summary>
    [BindProperty]
    public bool ForceChangePasswordNextSignIn { get; set; }

    [FromRoute]
    public Guid Id { get; set; }

    public bool IsAdministrator { get; private set; }

    public void OnGet() => Fill();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        // Only what changed, so the audit log names the fields an administrator actually edited; empty removes a value.
        var current = Details!;
        var update = new UserUpdate
        {
            SignInEmail = Changed(Input.SignInEmail, current.SignInEmail),
            Username = Changed(Input.Username, current.Username),
            ContactEmail = Changed(Input.ContactEmail, current.ContactEmail),
            DisplayName = Changed(Input.DisplayName, current.DisplayName),
            GivenName = Changed(Input.GivenName, current.GivenName),
            Surname = Changed(Input.Surname, current.Surname),
        };
        return await SavedAsync(await users.UpdateAsync(Id, update, Actor, Aborted), text["UserSaved"], fill: false);
    }

    public async Task<IActionResult> OnPostSetPasswordAsync()
    {
        ModelState.Clear();
        var result = await users.SetPasswordAsync(Id, NewPassword, ForceChangePasswordNextSignIn, Actor, Aborted);
        return await SavedAsync(result, text["PasswordSet"], new Dictionary<string, string> { ["password"] = nameof(NewPassword) });
    }

    public async Task<IActionResult> OnPostRevokeSessionsAsync() => await SavedAsync(await users.RevokeSessionsAsync(Id, Actor, Aborted), text["SessionsRevoked"], fill: false);

    public async Task<IActionResult> OnPostEnableAsync() => await SavedAsync(await users.SetEnabledAsync(Id, true, Actor, Aborted), text["UserEnabled"], fill: false);

    public async Task<IActionResult> OnPostDisableAsync() => await SavedAsync(await users.SetEnabledAsync(Id, false, Actor, Aborted), text["UserDisabled"], fill: false);

    public async Task<IActionResult> OnPostGrantAdministratorAsync() => await SavedAsync(await administrators.GrantAsync(Id, Actor, Aborted), text["AdministratorGranted"], fill: false);

    public async Task<IActionResult> OnPostRevokeAdministratorAsync() => await SavedAsync(await administrators.RevokeAsync(Id, Actor, Aborted), text["AdministratorRevoked"], fill: false);

    public async Task<IActionResult> OnPostDeleteAsync()
    {
        if (Id == AdministratorId)
        {
            // Deleting the account one is signed in with would end this session mid-click; another administrator can.
            ModelState.AddModelError(string.Empty, text["CannotDeleteSelf"]);
            Fill();
            return Page();
        }

        // The delete form posts no profile fields: their validation errors would stand beside a refusal.
        ModelState.Clear();
        if (IsAdministrator && await administrators.RevokeAsync(Id, Actor, Aborted) is AdminResult<UserDetails>.Invalid lastOne)
        {
            AddErrors(lastOne.Errors);
            Fill();
            return Page();
        }

        return await DeletedAsync(await users.DeleteAsync(Id, Actor, Aborted), text["UserDeleted", Details!.SignInEmail ?? Details.Username ?? Id.ToString()]);
    }

    protected override async Task<UserDetails?> FindAsync()
    {
        if (Found(await users.GetAsync(Id, Aborted)) is not { } found)
        {
            return null;
        }

        IsAdministrator = await administrators.IsAdministratorAsync(Id, Aborted);
        return found;
    }

    protected override IActionResult RedirectToSelf() => RedirectToPage("/Admin/Portal/Users/Edit", new { id = Id });

    protected override Task LoadAsync(bool fill)
    {
        if (fill)
        {
            Fill();
        }

        return Task.CompletedTask;
    }

    private void Fill()
    {
        var user = Details!;
        Input = new UserFields
        {
            SignInEmail = user.SignInEmail,
            Username = user.Username,
            ContactEmail = user.ContactEmail,
            DisplayName = user.DisplayName,
            GivenName = user.GivenName,
            Surname = user.Surname,
        };
    }

    private static string? Changed(string? posted, string? current)
    {
        var value = FormValue.Edited(posted) ?? "";
        return string.Equals(value, current ?? "", StringComparison.Ordinal) ? null : value;
    }
}
