namespace IdP.Server.Admin.Portal;

/// <summary><c>/admin</c>: how many of each thing there are, the reset switch, and the latest administrative changes.</summary>
public sealed class IndexModel(
    AppAdministration applications,
    UserFlowAdministration flows,
    UserAdministration users,
    GroupAdministration groups,
    PasswordResetAdministration reset,
    AuditQuery audit) : PortalPageModel
{
    public int Applications { get; private set; }
    public int UserFlows { get; private set; }
    public int Users { get; private set; }
    public int Groups { get; private set; }
    public PasswordResetMode ResetMode { get; private set; }
    public IReadOnlyList<AuditEntry> Recent { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Applications = (await applications.ListAsync(Aborted)).Count(a => !BuiltInApplications.Contains(a.ClientId));
        UserFlows = (await flows.ListAsync(Aborted)).Count;
        Users = (await users.ListAsync(null, 1, 1, Aborted)) is AdminResult<Paged<UserDetails>>.Done { Value: var page } ? page.Total : 0;
        Groups = (await groups.ListAsync(Aborted)).Count;
        ResetMode = (await reset.GetAsync(Aborted)).Mode;
        // Filtered in the query: on a busy server, sign-in events outnumber administrative changes many times over.
        Recent = (await audit.FindAsync(new AuditFilter(AdminEventTypes.Any), 1, 10, Aborted)) is AdminResult<Paged<AuditEntry>>.Done { Value: var events }
            ? events.Items
            : [];
    }
}
