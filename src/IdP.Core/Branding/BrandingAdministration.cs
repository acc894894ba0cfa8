namespace IdP.Core.Branding;

/// <summary>Company branding as administrators change it (the admin API, portal and CLI); every change is audited.</summary>
public sealed class BrandingAdministration(BrandingService branding, StringOverrideService strings, AdminAudit audit)
{
    private const string Target = "branding";

    /// <summary>The current branding.</summary>
    public Task<BrandingDetails> GetAsync(CancellationToken cancellationToken) => branding.GetAsync(cancellationToken);

    /// <summary>Sets the texts and colours (all four: a missing or empty field returns to the default).</summary>
    public Task<AdminResult<BrandingDetails>> ChangeAsync(BrandingInput input, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return audit.RecordAsync(actor, () => branding.ChangeAsync(input, cancellationToken),
            after => new AdminEvent(AdminEventTypes.BrandingUpdated, Target,
                $"background {after.BackgroundColor ?? "default"}, accent {after.AccentColor ?? "default"}, "
                + $"sign-in page text {after.SignInPageText?.Length ?? 0} characters, username hint {(after.UsernameHint is null ? "default" : "set")}, default language {after.DefaultLanguage}"),
            cancellationToken);
    }

    /// <summary>Uploads (or replaces) an image, after checking its type, size and dimensions.</summary>
    public Task<AdminResult<BrandingImageDetails>> SetImageAsync(BrandingImageKind kind, byte[] content, string actor, CancellationToken cancellationToken) =>
        audit.RecordAsync(actor, () => branding.SetImageAsync(kind, content, cancellationToken),
            image => new AdminEvent(AdminEventTypes.BrandingImageUploaded, $"{Target}:{BrandingImageRules.NameOf(kind)}",
                $"{image.ContentType}, {image.Width}x{image.Height} px, {image.Bytes} bytes, sha256 {image.Hash}"),
            cancellationToken);

    /// <summary>Removes an image.</summary>
    public Task<AdminResult<BrandingImageDetails>> RemoveImageAsync(BrandingImageKind kind, string actor, CancellationToken cancellationToken) =>
        audit.RecordAsync(actor, () => branding.RemoveImageAsync(kind, cancellationToken),
            image => new AdminEvent(AdminEventTypes.BrandingImageRemoved, $"{Target}:{BrandingImageRules.NameOf(kind)}", $"removed (was sha256 {image.Hash})"),
            cancellationToken);

    /// <summary>Every overridable string of a language, with the tenant's overrides.</summary>
    public Task<AdminResult<IReadOnlyList<StringEntry>>> StringsAsync(string language, CancellationToken cancellationToken) => strings.ListAsync(language, cancellationToken);

    /// <summary>Replaces the tenant's overrides of a language.</summary>
    public Task<AdminResult<IReadOnlyList<StringEntry>>> SetStringsAsync(string language, IReadOnlyDictionary<string, string?> values, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(values);
        return audit.RecordAsync(actor, () => strings.SetAsync(language, values, cancellationToken),
            entries => new AdminEvent(AdminEventTypes.BrandingStringsChanged, $"{Target}:strings:{language.ToLowerInvariant()}",
                $"{entries.Count(e => e.Override is not null)} overrides: {string.Join(", ", entries.Where(e => e.Override is not null).Select(e => e.Key).Take(50))}"),
            cancellationToken);
    }
}
