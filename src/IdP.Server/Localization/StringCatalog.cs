using System.Collections;
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

    private readonly Lazy<IReadOnlyDictionary<string, string>> _defaults = new(Load);

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> Defaults => _defaults.Value;

    /// <summary>The area a resource's keys are prefixed with, or null when its strings are not overridable.</summary>
    public static string? AreaOf(Type resource) => Resources.Contains(resource) ? resource.Name.Replace("Text", "", StringComparison.Ordinal) : null;

    private static Dictionary<string, string> Load()
    {
        var defaults = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var resource in Resources)
        {
            var set = new ResourceManager(resource).GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)
                ?? throw new InvalidOperationException($"No resources for {resource.FullName}.");
            foreach (DictionaryEntry entry in set)
            {
                if (entry.Value is string text)
                {
                    defaults[$"{AreaOf(resource)}.{entry.Key}"] = text;
                }
            }
        }

        return defaults;
    }
}
