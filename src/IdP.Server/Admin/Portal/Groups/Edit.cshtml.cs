namespace IdP.Server.Admin.Portal.Groups;

/// <summary>
/// <c>/admin/groups/{id}</c>: rename, members (added by sign-in name, removed by a button), and deletion after a
/// confirmation (the core refuses the group the password-reset switch names).
/// </summary>
public sealed class EditModel(GroupAdministration groups, AccountService accounts, IStringLocalizer<PortalText> text)
    : PortalEditPageModel<GroupDetails>("/Admin/Portal/Groups/Index")
{
    /// <summary>Members shown (the first page; larger groups are read through the admin API).</summary>
    public const int MembersShown = 200;

    [FromRoute]
    public Guid Id { get; set; }

    [BindProperty]
    public GroupForm Input { get; set; } = new();

    [BindProperty]
    public string? MemberSignInName { get; set; }

    [BindProperty]
    public Guid? MemberId { get; set; }

    public IReadOnlyList<UserDetails> Members { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync(fill: true);

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            await LoadAsync(fill: false);
            return Page();
        }

        return await SavedAsync(await groups.UpdateAsync(Id, Input.ToInput(), Actor, Aborted), text["GroupSaved"], fill: false);
    }

    public async Task<IActionResult> OnPostAddMemberAsync()
    {
        ModelState.Clear();
        var name = MemberSignInName?.Trim() ?? "";
        var account = name.Length == 0 ? null
            : await accounts.FindBySignInNameAsync(SignInNameKind.Email, name, Aborted) ?? await accounts.FindBySignInNameAsync(SignInNameKind.Username, name, Aborted);
        if (account is null)
        {
            ModelState.AddModelError(nameof(MemberSignInName), text["NoSuchUser"]);
            await LoadAsync(fill: true);
            return Page();
        }

        return await SavedAsync(await groups.AddMemberAsync(Id, account.Id, Actor, Aborted), text["MemberAdded", name], new Dictionary<string, string> { ["accountId"] = nameof(MemberSignInName) });
    }

    public async Task<IActionResult> OnPostRemoveMemberAsync()
    {
        if (MemberId is { } member && await groups.RemoveMemberAsync(Id, member, Actor, Aborted) is AdminResult<GroupDetails>.Done)
        {
            Notice = text["MemberRemoved"];
        }

        return RedirectToSelf();
    }

    public async Task<IActionResult> OnPostDeleteAsync()
    {
        // The delete form posts no group fields: their validation errors would stand beside the refusal.
        ModelState.Clear();
        return await DeletedAsync(await groups.DeleteAsync(Id, Actor, Aborted), text["GroupDeleted", Details!.Name], new Dictionary<string, string> { ["id"] = "", ["groupId"] = "" });
    }

    protected override async Task<GroupDetails?> FindAsync() => Found(await groups.GetAsync(Id, Aborted));

    protected override IActionResult RedirectToSelf() => RedirectToPage("/Admin/Portal/Groups/Edit", new { id = Id });

    protected override async Task LoadAsync(bool fill)
    {
        if (fill)
        {
            Input = new GroupForm { Name = Details!.Name, Description = Details.Description };
        }

        Members = await groups.MembersAsync(Id, 1, MembersShown, Aborted) is AdminResult<Paged<UserDetails>>.Done page ? page.Value.Items : [];
    }
}
