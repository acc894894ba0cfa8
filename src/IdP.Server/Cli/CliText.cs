using System.Resources;

namespace IdP.Server.Cli;

/// <summary>
/// The command line's sentences, from CliText.resx. Read through a ResourceManager rather than IStringLocalizer: help
/// and usage errors are printed before (or without) the server's service container.
/// </summary>
public static class CliText
{
    private static readonly ResourceManager Resources = new("IdP.Server.Cli.CliText", typeof(CliText).Assembly);

    /// <summary>The text named <paramref name="name"/> in the current UI culture.</summary>
    public static string Get(string name) =>
        Resources.GetString(name, CultureInfo.CurrentUICulture) ?? throw new InvalidOperationException($"CliText.resx has no '{name}'.");

    /// <summary>The text named <paramref name="name"/>, with <paramref name="args"/> in its placeholders.</summary>
    public static string Format(string name, params object?[] args) => string.Format(CultureInfo.CurrentCulture, Get(name), args);

    /// <summary>A time as commands print it: ISO 8601 in UTC, to the second.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
