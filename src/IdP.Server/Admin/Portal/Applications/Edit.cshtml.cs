namespace IdP.Server.Admin.Portal.Applications;

/// <summary>
/// <c>/admin/applications/{clientId}</c>: one registration: its platforms and reply URLs, implicit grant, exposed API
/// and API permissions (one Save), its secrets (a new one is shown on this answer only, never stored in clear or put in
/// a cookie), and deletion after a confirmation. The server's own applications are not edited here.
/// </summary>
public sealed class EditModel(AppAdministration applications, TenantService tenants, TimeProvider time, IStringLocalizer<PortalText> text)
    : PortalEditPageModel<ApplicationDetails>("/Admin/Portal/Applications/Index")
{
    [FromRoute]
    public string ClientId { get; set; } = "";

    [BindProperty]
    public ApplicationForm Input { get; set; } = new();

    [BindProperty]
    public SecretInputModel SecretInput { get; set; } = new();

    [BindProperty]
    public Guid? SecretId { get; set; }

    public ApplicationFieldsView Fields { get; private set; } = null!;

    public NewSecret? CreatedSecret { get; private set; }

    public async Task OnGetAsync() => await LoadAsync(fill: true);

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            await LoadAsync(fill: false);
            return Page();
        }

        return await SavedAsync(await applications.UpdateAsync(ClientId, Input.ToInput(ClientId), Actor, Aborted), text["ApplicationSaved"], fill: false);
    }

    public async Task<IActionResult> OnPostAddSecretAsync()
    {
        ModelState.Remove(nameof(Input));
        foreach (var key in ModelState.Keys.Where(k => k.StartsWith("Input.", StringComparison.Ordinal)).ToList())
        {
            ModelState.Remove(key);
        }

        if (ModelState.IsValid)
        {
            var expires = time.GetUtcNow().AddMonths(SecretInput.Months);
            switch (await applications.AddSecretAsync(ClientId, FormValue.Trimmed(SecretInput.Description), expires, Actor, Aborted))
            {
                case AdminResult<NewSecret>.Done done:
                    // Shown on this answer only: no redirect, so the value never travels in TempData or a URL.
                    CreatedSecret = done.Value;
                    Details = Found(await applications.GetAsync(ClientId, Aborted)) ?? Details;
                    break;
                case AdminResult<NewSecret>.Invalid invalid:
                    AddErrors(invalid.Errors, new Dictionary<string, string> { ["description"] = "SecretInput.Description", ["expiresAt"] = "SecretInput.Months" });
                    break;
            }
        }

        await LoadAsync(fill: true);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveSecretAsync()
    {
        if (SecretId is { } id && await applications.RemoveSecretAsync(ClientId, id, Actor, Aborted) is AdminResult<Unit>.Done)
        {
            Notice = text["SecretRemoved"];
        }

        return RedirectToSelf();
    }

    public async Task<IActionResult> OnPostDeleteAsync() =>
        await DeletedAsync(await applications.DeleteAsync(ClientId, Actor, Aborted), text["ApplicationDeleted", Details!.DisplayName], new Dictionary<string, string> { ["clientId"] = "" });

    protected override async Task<ApplicationDetails?> FindAsync() =>
        BuiltInApplications.Contains(ClientId) ? null : Found(await applications.GetAsync(ClientId, Aborted));

    protected override IActionResult RedirectToSelf() => RedirectToPage("/Admin/Portal/Applications/Edit", new { clientId = ClientId });

    protected override async Task LoadAsync(bool fill)
    {
        if (fill)
        {
            Input = ApplicationForm.Of(Details!);
        }

        var tenant = await tenants.GetAsync(Aborted);
        Fields = new ApplicationFieldsView(Input, ApplicationFieldsView.ScopesOf(await applications.ListAsync(Aborted), ClientId), $"https://{tenant?.Domain}/my-api");
    }

    [ErrorMessagesFrom(typeof(PortalText))]
    public sealed class SecretInputModel
    {
        [StringLength(256, ErrorMessage = "TooLong")]
        public string? Description { get; set; }

        /// <summary>B2C's choices: 6, 12 or 24 months.</summary>
        [Range(6, 24, ErrorMessage = "SecretMonths")]
        public int Months { get; set; } = 12;
    }
}
