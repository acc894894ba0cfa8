namespace IdP.Core.Administration;

/// <summary>
/// How administrative input reads a text field, whichever way it came (admin API, portal, command line): spaces around
/// what an administrator types are never meant, so every name, description and identifier is taken trimmed. The
/// administration services apply it to their inputs, so the surfaces cannot disagree.
/// </summary>
public static class FormValue
{
    /// <summary>An optional field of something new: <paramref name="value"/> trimmed, or null when it is blank.</summary>
    public static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>A field of a change: null (not sent: the value stays) stays null; anything else is trimmed, so blank is empty (removes the value).</summary>
    public static string? Edited(string? value) => value?.Trim();
}
