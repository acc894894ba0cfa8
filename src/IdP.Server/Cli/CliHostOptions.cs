namespace IdP.Server.Cli;

/// <summary>
/// What a command's host takes besides what the server reads (appsettings, environment variables, user secrets in
/// Development): tests point it at their own database and clock this way; operators never need it.
/// </summary>
public sealed record CliHostOptions
{
    /// <summary>Configuration values that override every other source (<c>ConnectionStrings:IdP</c>…).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>The environment name; null reads it as the server does (<c>ASPNETCORE_ENVIRONMENT</c>, <c>DOTNET_ENVIRONMENT</c>).</summary>
    public string? EnvironmentName { get; init; }

    /// <summary>Changes to the server's services after they are registered (a test clock).</summary>
    public Action<IServiceCollection>? Services { get; init; }
}
