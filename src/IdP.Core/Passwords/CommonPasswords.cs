using System.Collections.Frozen;
using System.Reflection;

namespace IdP.Core.Passwords;

/// <summary>
/// The shipped offline list of the most common breached passwords (see <c>Resources/common-passwords.SOURCE.md</c>),
/// loaded once. Compared case-insensitively: <c>Password1</c> is as weak as <c>password1</c>.
/// </summary>
public sealed class CommonPasswords
{
    private static readonly Lazy<CommonPasswords> Shared = new(Load);
    private readonly FrozenSet<string> _passwords;

    private CommonPasswords(FrozenSet<string> passwords) => _passwords = passwords;

    /// <summary>The list embedded in this assembly.</summary>
    public static CommonPasswords Instance => Shared.Value;

    /// <summary>How many passwords the list holds.</summary>
    public int Count => _passwords.Count;

    /// <summary>True when the password is on the list, ignoring case.</summary>
    public bool Contains(string password) => _passwords.Contains(password);

    private static CommonPasswords Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("IdP.Core.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is missing from IdP.Core.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                set.Add(line);
            }
        }

        return new CommonPasswords(set.ToFrozenSet(StringComparer.OrdinalIgnoreCase));
    }
}
