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
        // Counted in the database: the lists carry secrets, sign-in names and page templates the overview never shows.
        Applications = await applications.CountAsync(BuiltInApplications.ClientIds, Aborted);
        UserFlows = await flows.CountAsync(Aborted);
        Users = await users.CountAsync(Aborted);
        Groups = await groups.CountAsync(Aborted);
        ResetMode = (await reset.GetAsync(Aborted)).Mode;
        // Filtered in the query: on a busy server, sign-in events outnumber administrative changes many times over.
        Recent = (await audit.FindAsync(new AuditFilter(AdminEventTypes.Any), 1, 10, Aborted)) is AdminResult<Paged<AuditEntry>>.Done { Value: var events }
            ? events.Items
            : [];
    }
}
