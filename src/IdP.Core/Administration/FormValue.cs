namespace IdP.Core.Administration;

/// <summary>How administrative input reads an optional text field: blank (empty or only spaces) is no value; any other is trimmed.</summary>
public static class FormValue
{
    /// <summary><paramref name="value"/> trimmed, or null when it is blank.</summary>
    public static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
