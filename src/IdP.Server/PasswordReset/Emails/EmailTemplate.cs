using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Unicode;

namespace IdP.Server.PasswordReset.Emails;

/// <summary>
/// The reset emails' layouts (<c>Templates/*.html</c> and <c>*.txt</c>, embedded): <c>{{Name}}</c> placeholders filled
/// with localised strings, HTML-encoded in the HTML body. Layout and words stay apart, so a translation is a resx file.
/// Placeholders whose name ends in <c>Html</c> are markup the caller built from encoded parts, and go in as they are.
/// Every email has the same frame (<c>Templates/Layout.*</c>: head, banner, heading, sign-off); a template is what stands
/// in the frame's <c>{{Content}}</c> line.
/// </summary>
internal static partial class EmailTemplate
{
    // Accented letters stay readable in the source of the mail (it is UTF-8); only markup characters are escaped.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    /// <summary>The plain-text and HTML bodies of template <paramref name="name"/>.</summary>
    public static (string Text, string Html) Render(string name, IReadOnlyDictionary<string, string> values) =>
        (Fill(Framed(name, "txt"), values, html: false), Fill(Framed(name, "html"), values, html: true));

    private static string Framed(string name, string extension) => Cache.GetOrAdd($"{name}.{extension}", static (file, extension) =>
        Load($"Layout.{extension}").Replace("{{Content}}", Load(file).TrimEnd('\r', '\n'), StringComparison.Ordinal), extension);

    private static string Fill(string template, IReadOnlyDictionary<string, string> values, bool html) =>
        Placeholder().Replace(template, match =>
        {
            var key = match.Groups[1].Value;
            if (!values.TryGetValue(key, out var value))
            {
                throw new InvalidOperationException($"The email template has a placeholder '{key}' that nothing fills.");
            }

            return html && !key.EndsWith("Html", StringComparison.Ordinal) ? Encoder.Encode(value) : value;
        });

    private static string Load(string file)
    {
        var resource = $"IdP.Server.PasswordReset.Emails.Templates.{file}";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The email template '{resource}' is missing from IdP.Server.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"\{\{([A-Za-z]+)\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
