namespace IdP.Server.Tests.Hosting;

/// <summary>
/// The image's build stage copies only what the Dockerfile names, so a build input the SDK reads implicitly from the
/// repository root must be named there too. Without <c>.editorconfig</c> the analyzers ran with their defaults, warnings
/// as errors failed <c>dotnet publish</c> in the generated migrations, and <c>docker compose up --build</c> could not
/// build. Nothing here runs Docker (no daemon on CI machines), so this reads the Dockerfile as Docker would.
/// </summary>
public sealed class DockerfileTests
{
    // Files MSBuild, NuGet and the compiler pick up from a parent folder without any project naming them.
    private static readonly string[] ImplicitBuildInputs =
    [
        "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", ".editorconfig", ".globalconfig",
        "global.json", "NuGet.config", "nuget.config",
    ];

    private static readonly string Dockerfile = Path.Combine(RepositoryPaths.Root, "src", "IdP.Server", "Dockerfile");

    [Fact]
    public void The_build_stage_copies_every_build_input_the_repository_root_has()
    {
        var copied = BuildStageCopySources();
        var ignored = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, ".dockerignore")).Select(l => l.Trim()).ToHashSet(StringComparer.Ordinal);

        var present = ImplicitBuildInputs.Where(name => File.Exists(Path.Combine(RepositoryPaths.Root, name))).ToList();

        Assert.Contains(".editorconfig", present);
        Assert.All(present, name =>
        {
            Assert.Contains(name, copied);
            Assert.DoesNotContain(name, ignored);
        });
    }

    [Fact]
    public void The_build_stage_copies_the_projects_it_publishes()
    {
        var copied = BuildStageCopySources();

        // Both projects' sources come in with src/.
        Assert.Contains("src/", copied);
        Assert.Matches(@"dotnet publish src/IdP\.Server/IdP\.Server\.csproj", File.ReadAllText(Dockerfile));
    }

    /// <summary>The sources of every <c>COPY</c> in the first stage (the last word of each is the destination).</summary>
    private static HashSet<string> BuildStageCopySources()
    {
        var stage = File.ReadAllLines(Dockerfile)
            .Select(l => l.Trim())
            .SkipWhile(l => !l.StartsWith("FROM ", StringComparison.Ordinal))
            .Skip(1)
            .TakeWhile(l => !l.StartsWith("FROM ", StringComparison.Ordinal));

        return stage
            .Where(l => l.StartsWith("COPY ", StringComparison.Ordinal) && !l.Contains("--from", StringComparison.Ordinal))
            .SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1])
            .ToHashSet(StringComparer.Ordinal);
    }
}
