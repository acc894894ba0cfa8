using System.Text.RegularExpressions;

namespace IdP.Core.UserFlows;

/// <summary>
/// B2C naming rules for user flows: the operator types <c>signin</c> and gets <c>B2C_1_signin</c>; apps send the name in
/// any case. A name is letters, digits, underscores and hyphens.
/// </summary>
public static partial class UserFlowName
{
    /// <summary>The prefix B2C puts before every user flow name.</summary>
    public const string Prefix = "B2C_1_";

    /// <summary>Longest full name, prefix included.</summary>
    public const int MaxLength = 64;

    /// <summary>Adds the <c>B2C_1_</c> prefix unless it is already there (in any case), keeping the rest as typed.</summary>
    public static string WithPrefix(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var trimmed = name.Trim();
        return trimmed.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
            ? Prefix + trimmed[Prefix.Length..]
            : Prefix + trimmed;
    }

    /// <summary>The key flows are looked up by: upper-cased invariantly.</summary>
    public static string Normalize(string name) => name.Trim().ToUpperInvariant();

    /// <summary>Null when <paramref name="fullName"/> (with prefix) is an acceptable flow name, otherwise why not.</summary>
    public static string? Validate(string fullName)
    {
        if (!fullName.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || fullName.Length == Prefix.Length)
        {
            return AdminText.UserFlowNameEmpty;
        }

        if (fullName.Length > MaxLength)
        {
            return AdminText.UserFlowNameTooLong(MaxLength);
        }

        return Allowed().IsMatch(fullName[Prefix.Length..])
            ? null
            : AdminText.UserFlowNameCharacters;
    }

    /// <summary>True when a request's policy value could be a flow name, before it is looked up.</summary>
    public static bool LooksLikePolicy(string? value) =>
        value is { Length: > 6 and <= MaxLength } && value.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && Allowed().IsMatch(value[Prefix.Length..]);

    [GeneratedRegex("^[A-Za-z0-9_-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Allowed();
}
