namespace IdP.Core.Branding;

/// <summary>The rules of branding's texts and colours; each problem names its field as the admin API spells it.</summary>
public static class BrandingRules
{
    /// <summary>The longest username hint (Azure AD company branding's limit).</summary>
    public const int UsernameHintMaxLength = 64;

    /// <summary>The contrast white text needs on the accent colour (WCAG 2.1 AA for normal text).</summary>
    public const double AccentContrast = 4.5;

    /// <summary>Problems with <paramref name="input"/>; empty when it can be saved.</summary>
    public static IReadOnlyList<FieldError> Check(BrandingInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<FieldError>();
        if (input.BackgroundColor is { } background && ParseColor(background) is null)
        {
            errors.Add(new("backgroundColor", AdminText.ColorInvalid(Shorten(background), "#f2f2f2")));
        }

        if (input.AccentColor is { } accent)
        {
            if (ParseColor(accent) is not { } rgb)
            {
                errors.Add(new("accentColor", AdminText.ColorInvalid(Shorten(accent), "#0067b8")));
            }
            else if (ContrastWithWhite(rgb) < AccentContrast)
            {
                // Buttons show white text on the accent colour: a light accent would make them unreadable.
                errors.Add(new("accentColor", AdminText.AccentTooLight(accent, ContrastWithWhite(rgb).ToString("0.0", CultureInfo.InvariantCulture), AccentContrast.ToString("0.0", CultureInfo.InvariantCulture))));
            }
        }

        if (input.SignInPageText is { Length: > SignInPageText.MaxLength } text)
        {
            errors.Add(new("signInPageText", AdminText.SignInPageTextTooLong(text.Length, SignInPageText.MaxLength)));
        }

        if (input.UsernameHint is { } hint)
        {
            if (hint.Length > UsernameHintMaxLength)
            {
                errors.Add(new("usernameHint", AdminText.UsernameHintTooLong(hint.Length, UsernameHintMaxLength)));
            }
            else if (hint.Any(char.IsControl))
            {
                errors.Add(new("usernameHint", AdminText.UsernameHintOneLine));
            }
        }

        if (input.DefaultLanguage is { } language && Languages.Normalize(language) is null)
        {
            errors.Add(new("defaultLanguage", AdminText.LanguageUnsupported(Shorten(language), string.Join(", ", Languages.Supported))));
        }

        return errors;
    }

    /// <summary>A colour as <c>#rrggbb</c> in lower case, or null when it is not <c>#rgb</c> or <c>#rrggbb</c>.</summary>
    public static string? Normalize(string? color) =>
        ParseColor(color) is { } rgb ? $"#{rgb.R:x2}{rgb.G:x2}{rgb.B:x2}" : null;

    /// <summary>The contrast ratio of white against the colour (1 to 21).</summary>
    public static double ContrastWithWhite((byte R, byte G, byte B) rgb) => 1.05 / (Luminance(rgb) + 0.05);

    private static (byte R, byte G, byte B)? ParseColor(string? color)
    {
        var text = color?.Trim();
        if (text is null || !text.StartsWith('#') || !text[1..].All(Uri.IsHexDigit))
        {
            return null;
        }

        return text.Length switch
        {
            4 => (Hex(text[1], text[1]), Hex(text[2], text[2]), Hex(text[3], text[3])),
            7 => (Hex(text[1], text[2]), Hex(text[3], text[4]), Hex(text[5], text[6])),
            _ => null,
        };
    }

    private static byte Hex(char high, char low) => byte.Parse($"{high}{low}", NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    // WCAG 2.1 relative luminance.
    private static double Luminance((byte R, byte G, byte B) rgb)
    {
        static double Channel(byte value)
        {
            var c = value / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        return (0.2126 * Channel(rgb.R)) + (0.7152 * Channel(rgb.G)) + (0.0722 * Channel(rgb.B));
    }

    private static string Shorten(string value) => value.Length <= 20 ? value : value[..20] + "…";
}

/// <summary>Branding's texts and colours as administrators send them; a null or empty field clears it (the default theme's).</summary>
public sealed record BrandingInput
{
    /// <summary>The page background colour, <c>#rgb</c> or <c>#rrggbb</c>.</summary>
    public string? BackgroundColor { get; init; }

    /// <summary>The accent colour (buttons, links), dark enough for white text.</summary>
    public string? AccentColor { get; init; }

    /// <summary>Text under the sign-in form, markdown subset, at most 1024 characters.</summary>
    public string? SignInPageText { get; init; }

    /// <summary>The placeholder of the sign-in name field, at most 64 characters.</summary>
    public string? UsernameHint { get; init; }

    /// <summary>The tenant's default language (<c>en</c> or <c>fr</c>), used when neither app nor browser asks for a supported one.</summary>
    public string? DefaultLanguage { get; init; }
}
