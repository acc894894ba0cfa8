namespace IdP.Server.Admin.Portal.Groups;

/// <summary><c>/admin/groups</c>: every group with its member count, and a new one.</summary>
public sealed class IndexModel(GroupAdministration groups, IStringLocalizer<PortalText> text) : PortalPageModel
{
    [BindProperty]
    public GroupForm Input { get; set; } = new();

    public IReadOnlyList<GroupDetails> Groups { get; private set; } = [];

    public async Task OnGetAsync() => Groups = await groups.ListAsync(Aborted);

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            await OnGetAsync();
            return Page();
        }

        return await AnswerAsync(
            await groups.CreateAsync(Input.ToInput(), Actor, Aborted),
            created => text["GroupCreated", created.Name],
            created => RedirectToPage("/Admin/Portal/Groups/Edit", new { id = created.Id }),
            OnGetAsync);
    }
}
