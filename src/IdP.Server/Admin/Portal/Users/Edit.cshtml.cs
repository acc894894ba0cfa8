using IdP.Core.Accounts;
using IdP.Core.Administration;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Localization;

namespace IdP.Server.Admin.Portal.Users;

/// <summary>
/// <c>/admin/users/{id}</c>: a user's profile, password, sessions, state, administrator role and deletion (after a
/// confirmation page). Each button is a named handler calling the core's <see cref="UserAdministration"/> or
/// <see cref="Administrators"/>, which hold the rules and write the audit events.
/// </summary>
public sealed class EditModel(UserAdministration users, Administrators administrators, IStringLocalizer<PortalText> text) : PortalPageModel
{
    [BindProperty]
    public UserFields Input { get; set; } = new();

    [BindProperty]
    public string? NewPassword { get; set; }

    [FromRoute]
    public Guid Id { get; set; }

    public UserDetails? Details { get; private set; }

    public bool IsAdministrator { get; private set; }

    public bool ConfirmingDelete { get; private set; }

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (await users.GetAsync(Id, Aborted) is not AdminResult<UserDetails>.Done found)
        {
            context.Result = NotFoundPage();
            return;
        }

        Details = found.Value;
        IsAdministrator = await administrators.IsAdministratorAsync(Id, Aborted);
        await base.OnPageHandlerExecutionAsync(context, next);
    }

    public void OnGet() => Fill();

    public void OnGetDelete()
    {
        Fill();
        ConfirmingDelete = true;
    }

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
        return Outcome(await users.UpdateAsync(Id, update, Actor, Aborted), "UserSaved");
    }

    public async Task<IActionResult> OnPostSetPasswordAsync()
    {
        ModelState.Clear();
        var result = await users.SetPasswordAsync(Id, NewPassword, Actor, Aborted);
        return Outcome(result, "PasswordSet", new Dictionary<string, string> { ["password"] = nameof(NewPassword) });
    }

    public async Task<IActionResult> OnPostRevokeSessionsAsync() => Outcome(await users.RevokeSessionsAsync(Id, Actor, Aborted), "SessionsRevoked");

    public async Task<IActionResult> OnPostEnableAsync() => Outcome(await users.SetEnabledAsync(Id, true, Actor, Aborted), "UserEnabled");

    public async Task<IActionResult> OnPostDisableAsync() => Outcome(await users.SetEnabledAsync(Id, false, Actor, Aborted), "UserDisabled");

    public async Task<IActionResult> OnPostGrantAdministratorAsync() => Outcome(await administrators.GrantAsync(Id, Actor, Aborted), "AdministratorGranted");

    public async Task<IActionResult> OnPostRevokeAdministratorAsync() => Outcome(await administrators.RevokeAsync(Id, Actor, Aborted), "AdministratorRevoked");

    public async Task<IActionResult> OnPostDeleteAsync()
    {
        if (Id == AdministratorId)
        {
            // Deleting the account one is signed in with would end this session mid-click; another administrator can.
            ModelState.AddModelError(string.Empty, text["CannotDeleteSelf"]);
            Fill();
            return Page();
        }

        if (IsAdministrator && await administrators.RevokeAsync(Id, Actor, Aborted) is AdminResult<UserDetails>.Invalid lastOne)
        {
            ModelState.Clear();
            AddErrors(lastOne.Errors);
            Fill();
            return Page();
        }

        switch (await users.DeleteAsync(Id, Actor, Aborted))
        {
            case AdminResult<Unit>.Done:
                Notice = text["UserDeleted", Details!.SignInEmail ?? Details.Username ?? Id.ToString()];
                return RedirectToPage("/Admin/Portal/Users/Index");
            case AdminResult<Unit>.Invalid invalid:
                ModelState.Clear();
                AddErrors(invalid.Errors);
                Fill();
                return Page();
            default:
                return NotFoundPage();
        }
    }

    private IActionResult Outcome<T>(AdminResult<T> result, string notice, IReadOnlyDictionary<string, string>? fields = null)
    {
        switch (result)
        {
            case AdminResult<T>.Done:
                Notice = text[notice];
                return RedirectToPage("/Admin/Portal/Users/Edit", new { id = Id });
            case AdminResult<T>.Invalid invalid:
                AddErrors(invalid.Errors, fields);
                if (fields is not null)
                {
                    Fill();
                }

                return Page();
            default:
                return NotFoundPage();
        }
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
        var value = posted?.Trim() ?? "";
        return string.Equals(value, current ?? "", StringComparison.Ordinal) ? null : value;
    }
}
