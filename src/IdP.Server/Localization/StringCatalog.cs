using System.Collections;
using System.Collections.Frozen;
using System.Resources;

namespace IdP.Server.Localization;

/// <summary>
/// The page and email strings a tenant may override: every entry of the resource files below, keyed
/// <c>{area}.{id}</c> (the area is the resource's name without "Text"; <c>SignIn.button_signin</c>).
/// </summary>
public sealed class StringCatalog : IStringCatalog
{
    /// <summary>The resources whose strings users see: the flow pages, error pages and reset emails.</summary>
    public static IReadOnlyList<Type> Resources { get; } =
    [
        typeof(SignIn.SignInText), typeof(PasswordReset.PasswordResetText), typeof(PasswordReset.Emails.ResetEmailText),
        typeof(ErrorPages.ErrorText), typeof(Journeys.JourneyText), typeof(Layout.LayoutText),
    ];

    // Built once per language, on first use: the resource files do not change while the process runs.
    private readonly FrozenDictionary<string, Lazy<FrozenDictionary<string, string>>> _builtIn =
        Languages.Supported.ToFrozenDictionary(l => l, l => new Lazy<FrozenDictionary<string, string>>(() => Load(l)), StringComparer.Ordinal);

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> BuiltIn(string language) =>
        _builtIn.TryGetValue(language, out var texts) ? texts.Value : throw new ArgumentOutOfRangeException(nameof(language), language, "Not a supported language.");

    /// <summary>The area a resource's keys are prefixed with, or null when its strings are not overridable.</summary>
    public static string? AreaOf(Type resource) => Resources.Contains(resource) ? resource.Name.Replace("Text", "", StringComparison.Ordinal) : null;

    // The keys are the neutral (English) file's; each text is what the pages' localizers read in that language, with
    // the same fallback to English for a key a language's file lacks.
    private static FrozenDictionary<string, string> Load(string language)
    {
        var culture = CultureInfo.GetCultureInfo(language);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var resource in Resources)
        {
            var manager = new ResourceManager(resource);
            var set = manager.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)
                ?? throw new InvalidOperationException($"No resources for {resource.FullName}.");
            foreach (DictionaryEntry entry in set)
            {
                if (entry.Key is string key && entry.Value is string)
                {
                    texts[$"{AreaOf(resource)}.{key}"] = manager.GetString(key, culture)!;
                }
            }
        }

        return texts.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
