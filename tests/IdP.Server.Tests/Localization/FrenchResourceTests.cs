using System.Collections;
using System.Reflection;
using System.Resources;
using System.Text.RegularExpressions;
using IdP.Core.Passwords;
using IdP.Server.Admin.Portal;

namespace IdP.Server.Tests.Localization;

/// <summary>
/// Every string resource of the server (and of IdP.Core, whose rules the portal shows) that people read in a browser or
/// an email has a French entry for each English key, with the same placeholders (a missing or extra <c>{0}</c> would
/// throw or drop a value when formatted), and none left empty; resources that stay English are named here, so a new
/// resource cannot be forgotten silently.
/// </summary>
public sealed partial class FrenchResourceTests
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr");

    // The server's pages and emails, and the core's administration rules the portal shows (AdminText).
    private static readonly Assembly[] Assemblies = [typeof(PortalText).Assembly, typeof(FieldError).Assembly];

    /// <summary>
    /// Resources that are deliberately English only: the admin API's problem texts and the command line's messages
    /// (tools, not pages), and the layout's product name.
    /// </summary>
    private static readonly string[] EnglishOnly =
    [
        "IdP.Server.Admin.Api.AdminApiText", "IdP.Server.Cli.CliText", "IdP.Server.Layout.LayoutText",
    ];

    public static TheoryData<string> Translated() => [.. Resources().Where(r => !EnglishOnly.Contains(r))];

    [Fact]
    public void The_server_has_the_resources_this_test_knows_of()
    {
        var all = Resources().ToList();
        Assert.Contains(typeof(PortalText).FullName!, all);
        Assert.Contains("IdP.Server.SignIn.SignInText", all);
        Assert.Contains("IdP.Core.Administration.AdminText", all);
        Assert.All(EnglishOnly, name => Assert.Contains(name, all));
        Assert.All(EnglishOnly, name => Assert.Null(Set(name, French)));
    }

    [Theory]
    [MemberData(nameof(Translated))]
    public void Every_english_string_has_a_french_one_with_the_same_placeholders(string resource)
    {
        var english = Strings(Set(resource, CultureInfo.InvariantCulture) ?? throw new InvalidOperationException($"No English resources for {resource}."));
        var french = Strings(Set(resource, French) ?? throw new InvalidOperationException($"No French resources for {resource} (add {resource.Split('.')[^1]}.fr.resx beside it)."));

        Assert.Empty(english.Keys.Except(french.Keys).Order(StringComparer.Ordinal));
        Assert.Empty(french.Keys.Except(english.Keys).Order(StringComparer.Ordinal));
        Assert.All(english, entry =>
        {
            var text = french[entry.Key];
            Assert.False(string.IsNullOrWhiteSpace(text), $"{resource}.{entry.Key} is empty in French.");
            Assert.True(
                Placeholders(entry.Value).SequenceEqual(Placeholders(text)),
                $"{resource}.{entry.Key}: placeholders {string.Join(" ", Placeholders(entry.Value))} in English, {string.Join(" ", Placeholders(text))} in French.");
            Assert.True(Braces(entry.Value) == Braces(text), $"{resource}.{entry.Key}: braces that are not placeholders differ.");
        });
    }

    [Fact]
    public void Every_option_the_portal_lists_has_a_text_in_both_languages()
    {
        var english = Strings(Set(typeof(PortalText).FullName!, CultureInfo.InvariantCulture)!);
        (string Prefix, Type Enum)[] options =
        [
            ("FlowType", typeof(UserFlowType)), ("ResetMode", typeof(PasswordResetMode)), ("SignInNameKind", typeof(SignInNameKind)),
            (nameof(RefreshTokenSlidingWindow), typeof(RefreshTokenSlidingWindow)), (nameof(IssuerFormat), typeof(IssuerFormat)),
            (nameof(SubjectClaim), typeof(SubjectClaim)), (nameof(PolicyClaim), typeof(PolicyClaim)), (nameof(SessionTimeout), typeof(SessionTimeout)),
            (nameof(PasswordResetBehavior), typeof(PasswordResetBehavior)), (nameof(PasswordComplexityLevel), typeof(PasswordComplexityLevel)),
        ];

        var missing = options.SelectMany(o => Enum.GetNames(o.Enum).Select(name => o.Prefix + name)).Where(key => !english.ContainsKey(key));

        Assert.Empty(missing);
    }

    // The *Text resources, as IStringLocalizer<T> and AdminText find them: "{namespace}.{type}.resources" in their assembly.
    private static IEnumerable<string> Resources() =>
        Assemblies.SelectMany(assembly => assembly.GetManifestResourceNames())
            .Where(name => name.StartsWith("IdP.", StringComparison.Ordinal) && name.EndsWith("Text.resources", StringComparison.Ordinal))
            .Select(name => name[..^".resources".Length])
            .Order(StringComparer.Ordinal);

    private static ResourceSet? Set(string resource, CultureInfo culture) =>
        new ResourceManager(resource, Assemblies.Single(a => a.GetManifestResourceNames().Contains(resource + ".resources")))
            .GetResourceSet(culture, createIfNotExists: true, tryParents: false);

    private static Dictionary<string, string> Strings(ResourceSet set) =>
        set.Cast<DictionaryEntry>().Where(e => e.Value is string).ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);

    private static string[] Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal)];

    private static int Braces(string text) => Placeholder().Replace(text, "").Count(c => c is '{' or '}');

    [GeneratedRegex(@"\{\d+(?:,-?\d+)?(?::[^{}]*)?\}")]
    private static partial Regex Placeholder();
}
