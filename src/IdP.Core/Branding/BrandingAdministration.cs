using IdP.Core.Administration;

namespace IdP.Core.Branding;

/// <summary>Company branding as administrators change it (the admin API, portal and CLI); every change is audited.</summary>
public sealed class BrandingAdministration(BrandingService branding, AdminAudit audit)
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
}
