namespace IdP.Server.Admin.Portal.Applications;

/// <summary>What the shared application fields need: the form, the scopes other applications expose, an App ID URI example.</summary>
public sealed record ApplicationFieldsView(ApplicationForm Form, IReadOnlyList<AvailableScope> Available, string ExampleAppIdUri)
{
    /// <summary>The scopes of every application but <paramref name="except"/>, as API permissions to choose from.</summary>
    public static IReadOnlyList<AvailableScope> ScopesOf(IEnumerable<ApplicationDetails> applications, string? except) =>
        [.. applications
            .Where(a => a.ClientId != except && a.AppIdUri is not null)
            .SelectMany(a => a.ApiScopes.Select(s => new AvailableScope(a.DisplayName, ApiScopeValue.Format(a.AppIdUri!, s.Name), s.Description)))];
}
