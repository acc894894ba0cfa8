namespace IdP.Server.Admin.Portal;

/// <summary>
/// <c>/admin/password-reset</c>: B2C's "Password reset → Properties" blade: "Self service password reset enabled" None /
/// Selected (with a group) / All, and Save. The rule (a group for Selected, an existing group) is the core's; the switch
/// lives in the database, so every node and the next sign-in page see it at once.
/// </summary>
public sealed class PasswordResetModel(PasswordResetAdministration reset, GroupAdministration groups, IStringLocalizer<PortalText> text) : PortalPageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<GroupDetails> Groups { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var current = await reset.GetAsync(Aborted);
        Input = new InputModel { Mode = current.Mode, GroupId = current.GroupId };
        await ListGroupsAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            await ListGroupsAsync();
            return Page();
        }

        // The group only matters for Selected; a leftover choice in the picker is not stored for None or All.
        var input = new PasswordResetSettingsInput { Mode = Input.Mode, GroupId = Input.Mode == PasswordResetMode.Selected ? Input.GroupId : null };
        return await AnswerAsync(
            await reset.ChangeAsync(input, Actor, Aborted), saved => text["ResetSaved", text["ResetMode" + saved.Mode]], _ => RedirectToPage(), ListGroupsAsync);
    }

    private async Task ListGroupsAsync() => Groups = await groups.ListAsync(Aborted);

    [ErrorMessagesFrom(typeof(PortalText))]
    public sealed class InputModel
    {
        [Required(ErrorMessage = "RequiredResetMode")]
        public PasswordResetMode? Mode { get; set; }

        public Guid? GroupId { get; set; }
    }
}
