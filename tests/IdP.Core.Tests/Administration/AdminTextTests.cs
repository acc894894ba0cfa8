using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Resources;
using IdP.Core.Administration;
using IdP.Core.Applications;
using IdP.Core.Branding;
using static IdP.Core.Tests.Cultures;

namespace IdP.Core.Tests.Administration;

/// <summary>
/// The administration rules speak the current UI culture: French under <c>fr</c> (and <c>fr-CA</c>, through its parent),
/// the English they always had otherwise; every text of AdminText.resx has its member, and every member its text in both
/// languages.
/// </summary>
public sealed class AdminTextTests
{
    private const string Nbsp = "\u00a0";

    [Fact]
    public void Every_text_has_a_member_and_every_member_reads_its_text_in_english_and_french()
    {
        var members = typeof(AdminText).GetMembers(BindingFlags.Public | BindingFlags.Static).Where(m => m is PropertyInfo or MethodInfo { IsSpecialName: false }).ToList();
        var keys = new ResourceManager("IdP.Core.Administration.AdminText", typeof(AdminText).Assembly)
            .GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!
            .Cast<DictionaryEntry>().Select(e => (string)e.Key).ToList();

        Assert.Empty(keys.Except(members.Select(m => m.Name), StringComparer.Ordinal));
        foreach (var culture in new[] { "en", "fr" })
        {
            var texts = InCulture(culture, () => members.Select(Read).ToList());
            Assert.All(texts, text => Assert.False(string.IsNullOrWhiteSpace(text)));
        }
    }

    [Fact]
    public void A_user_flow_out_of_range_is_worded_in_french_under_a_french_culture_and_as_before_otherwise()
    {
        var flow = new UserFlow { Name = "B2C_1_test", NormalizedName = "B2C_1_TEST", AccessAndIdTokenLifetimeMinutes = 2 };

        var french = InCulture("fr-FR", () => Assert.Single(UserFlowRules.Problems(flow)));
        var canadian = InCulture("fr-CA", () => Assert.Single(UserFlowRules.Problems(flow)));
        var english = InCulture("en-US", () => Assert.Single(UserFlowRules.Problems(flow)));

        Assert.Equal(new FieldError("accessAndIdTokenLifetimeMinutes", $"Durée de vie des jetons d’accès et d’ID (minutes){Nbsp}: la valeur doit être comprise entre 5 et 1440{Nbsp}; 2 est hors limites."), french);
        Assert.Equal(french, canadian);
        Assert.Equal(new FieldError("accessAndIdTokenLifetimeMinutes", "Access & ID token lifetime (minutes) must be between 5 and 1440; 2 is out of range."), english);
    }

    [Fact]
    public void Reply_and_post_logout_urls_are_named_as_the_operator_typed_them_in_both_languages()
    {
        Assert.Equal("'https://app.test/cb#x' has a fragment (#…): reply URLs cannot have one.", InCulture("en", () => RedirectUriRules.Problem(AppPlatform.Web, "https://app.test/cb#x", false)));
        Assert.Equal("'https://app.test/cb#x' has a fragment (#…): post-logout URLs cannot have one.", InCulture("en", () => RedirectUriRules.PostLogoutProblem("https://app.test/cb#x", false)));
        Assert.Equal("A post-logout URL cannot be empty.", InCulture("en", () => RedirectUriRules.PostLogoutProblem(" ", false)));
        Assert.Equal(
            $"«{Nbsp}https://app.test/cb#x{Nbsp}» a un fragment (#…){Nbsp}: un URI de redirection après déconnexion ne peut pas en avoir.",
            InCulture("fr", () => RedirectUriRules.PostLogoutProblem("https://app.test/cb#x", false)));
    }

    [Fact]
    public void Numbers_in_a_message_are_written_the_way_its_language_writes_them()
    {
        var limits = BrandingImageRules.LimitsOf(BrandingImageKind.BackgroundImage);
        var content = new byte[limits.MaxBytes + 1];

        var english = InCulture("en", () => Assert.IsType<ImageCheck.Refused>(BrandingImageRules.Check(BrandingImageKind.BackgroundImage, content)).Message);
        var french = InCulture("fr", () => Assert.IsType<ImageCheck.Refused>(BrandingImageRules.Check(BrandingImageKind.BackgroundImage, content)).Message);

        Assert.Equal("The background-image is 300,001 bytes; it may be at most 300,000 bytes.", english);
        Assert.Equal($"L’image background-image fait {300_001.ToString("N0", CultureInfo.GetCultureInfo("fr"))} octets{Nbsp}; elle peut faire au plus {300_000.ToString("N0", CultureInfo.GetCultureInfo("fr"))} octets.", french);
    }

    private static string Read(MemberInfo member) => member switch
    {
        PropertyInfo property => (string)property.GetValue(null)!,
        MethodInfo method => (string)method.Invoke(null, [.. method.GetParameters().Select(p => Sample(p.ParameterType))])!,
        _ => throw new InvalidOperationException(member.Name),
    };

    private static object Sample(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) switch
        {
            var t when t == typeof(string) => "x",
            var t when t == typeof(int) => 1,
            var t when t == typeof(long) => 1L,
            var t when t == typeof(double) => 1.0,
            var t when t == typeof(Guid) => Guid.Empty,
            var t when t.IsEnum => Enum.GetValues(t).GetValue(0)!,
            var t => throw new InvalidOperationException($"No sample {t}."),
        };
}
