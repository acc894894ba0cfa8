namespace IdP.Server.Tests.Infrastructure;

/// <summary>Where the repository and the server's own build output are, found from the test assembly's folder.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder holding IdP.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration the tests were built in (the server is built in the same one).</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    /// <summary>The server's build folder (its dll, appsettings files and static web assets manifest).</summary>
    public static string ServerBuild => Path.Combine(Root, "src", "IdP.Server", "bin", Configuration, "net10.0");

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "IdP.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("IdP.sln not found above " + AppContext.BaseDirectory);
    }
}
