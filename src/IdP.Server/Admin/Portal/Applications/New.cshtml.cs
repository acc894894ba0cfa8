namespace IdP.Server.Admin.Portal.Applications;

/// <summary><c>/admin/applications/new</c>: registers an application (the id is a new GUID unless the administrator picks one).</summary>
public sealed class NewModel(AppAdministration applications, TenantService tenants, IStringLocalizer<PortalText> text) : PortalPageModel
{
    [BindProperty]
    public ApplicationForm Input { get; set; } = new();

    public ApplicationFieldsView Fields { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        Input = new ApplicationForm { ClientId = Guid.NewGuid().ToString() };
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        return await AnswerAsync(
            await applications.CreateAsync(Input.ToInput(Input.ClientId), Actor, Aborted),
            created => text["ApplicationRegistered", created.DisplayName],
            created => RedirectToPage("/Admin/Portal/Applications/Edit", new { clientId = created.ClientId }),
            LoadAsync);
    }

    private async Task LoadAsync()
    {
        var tenant = await tenants.GetAsync(Aborted);
        Fields = new ApplicationFieldsView(Input, ApplicationFieldsView.ScopesOf(await applications.ListAsync(Aborted), null), $"https://{tenant?.Domain}/my-api");
    }
}
