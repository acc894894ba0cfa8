namespace IdP.Server.Admin.Portal.Users;

/// <summary><c>/admin/users</c>: users a page at a time, searched by sign-in name prefix (the core's rules).</summary>
public sealed class IndexModel(UserAdministration users) : PortalPageModel
{
    /// <summary>Users per page.</summary>
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "pageNumber")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<UserDetails> Users { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync()
    {
        // A bad page number in the URL is not worth an error: it is the first page.
        PageNumber = ModelState.IsValid && PageNumber >= 1 ? PageNumber : 1;
        ModelState.Clear();
        switch (await users.ListAsync(FormValue.Trimmed(Search), PageNumber, PageSize, Aborted))
        {
            case AdminResult<Paged<UserDetails>>.Done done:
                Users = done.Value.Items;
                Total = done.Value.Total;
                break;
            case AdminResult<Paged<UserDetails>>.Invalid invalid:
                AddErrors(invalid.Errors);
                break;
        }
    }
}
