namespace IdP.Core.Branding;

/// <summary>The languages pages and emails are written in, and how a requested language maps onto them.</summary>
public static class Languages
{
    /// <summary>The language used when nothing else decides.</summary>
    public const string Default = "en";

    /// <summary>Every supported language (two-letter ISO codes).</summary>
    public static IReadOnlyList<string> Supported { get; } = ["en", "fr"];

    /// <summary>
    /// The first supported language of a list of language tags in order of preference (<c>ui_locales</c> is
    /// space-separated; <c>fr-CA</c> counts as <c>fr</c>); null when none is supported.
    /// </summary>
    public static string? FirstSupported(IEnumerable<string?> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        foreach (var tag in tags)
        {
            if (Normalize(tag) is { } language)
            {
                return language;
            }
        }

        return null;
    }

    /// <summary>The supported language a tag names (<c>FR-ca</c> is <c>fr</c>), or null.</summary>
    public static string? Normalize(string? tag)
    {
        var primary = tag?.Trim().Split('-', '_')[0].ToLowerInvariant();
        return primary is not null && Supported.Contains(primary) ? primary : null;
    }
}
