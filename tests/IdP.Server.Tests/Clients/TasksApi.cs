namespace IdP.Server.Tests.Clients;

/// <summary>
/// The web API the clients call, as B2C's docs register one: an App ID URI exposing scopes, which client apps are
/// granted as API permissions and request as <c>{App ID URI}/{scope}</c>. A second API exists so tests can hold a
/// valid token that is meant for someone else.
/// </summary>
public static class TasksApi
{
    public const string AppIdUri = "https://" + IdPFactory.TenantDomain + "/tasks-api";
    public const string ReadScopeName = "tasks.read";
    public const string WriteScopeName = "tasks.write";
    public const string ReadScope = AppIdUri + "/" + ReadScopeName;
    public const string WriteScope = AppIdUri + "/" + WriteScopeName;

    public const string NotesAppIdUri = "https://" + IdPFactory.TenantDomain + "/notes-api";
    public const string NotesReadScope = NotesAppIdUri + "/notes.read";

    /// <summary>Registers the tasks API and the notes API; returns their client ids (the audience of their tokens).</summary>
    public static async Task<(string Tasks, string Notes)> RegisterAsync(IdPFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var tasks = ClientsIdPFactory.NewClientId("tasks-api");
        var notes = ClientsIdPFactory.NewClientId("notes-api");
        await factory.RegisterAppAsync(new AppRegistration(tasks, "Tasks API")
        {
            AppIdUri = AppIdUri,
            ApiScopes = [new ApiScope(ReadScopeName), new ApiScope(WriteScopeName)],
        });
        await factory.RegisterAppAsync(new AppRegistration(notes, "Notes API")
        {
            AppIdUri = NotesAppIdUri,
            ApiScopes = [new ApiScope("notes.read")],
        });
        return (tasks, notes);
    }
}
