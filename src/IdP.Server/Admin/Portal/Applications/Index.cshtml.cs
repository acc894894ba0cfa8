namespace IdP.Server.Admin.Portal.Applications;

/// <summary><c>/admin/applications</c>: B2C's "App registrations": every application, the server's own ones apart.</summary>
public sealed class IndexModel(AppAdministration applications) : PortalPageModel
{
    public IReadOnlyList<ApplicationDetails> Applications { get; private set; } = [];
    public IReadOnlyList<ApplicationDetails> BuiltIn { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var all = await applications.ListAsync(Aborted);
        Applications = [.. all.Where(a => !BuiltInApplications.Contains(a.ClientId))];
        BuiltIn = [.. all.Where(a => BuiltInApplications.Contains(a.ClientId))];
    }

    /// <summary>The resource names of the platforms an application has reply URLs on.</summary>
    public static IEnumerable<string> Platforms(ApplicationDetails app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.RedirectUris.Count > 0)
        {
            yield return "PlatformWeb";
        }

        if (app.SpaRedirectUris.Count > 0)
        {
            yield return "PlatformSpa";
        }

        if (app.PublicClientRedirectUris.Count > 0)
        {
            yield return "PlatformPublic";
        }
    }
}
