namespace IdP.Core.Branding;

/// <summary>
/// Reads and changes the tenant's company branding, which lives in the database (images included), so every node shows
/// the same branding the moment it is saved. Pages read <see cref="GetAsync"/> on each request; images are served from
/// <see cref="GetImageAsync"/> under a URL that carries their hash. What pages read (the row and the images' metadata)
/// comes from the per-node <see cref="BrandingCache"/> under the <see cref="ConfigurationStamp"/> the request read, once
/// per request (the language middleware wants the default language, the page the rest); changes load the rows tracked.
/// </summary>
public sealed class BrandingService(IIdPDbContext db, TenantService tenants, TimeProvider time, ConfigurationStamp stamp, BrandingCache cache)
{
    private BrandingSnapshot? _snapshot;

    /// <summary>The branding (the default theme's empty values when none is saved, or before the tenant exists).</summary>
    public async Task<BrandingDetails> GetAsync(CancellationToken cancellationToken) =>
        (await SnapshotAsync(cancellationToken)).Details;

    /// <summary>The tenant's default language, or null when none is set (pages then use English).</summary>
    public async Task<string?> DefaultLanguageAsync(CancellationToken cancellationToken) =>
        (await SnapshotAsync(cancellationToken)).DefaultLanguage;

    /// <summary>The image with its bytes, or null when none is uploaded.</summary>
    public async Task<BrandingImage?> GetImageAsync(BrandingImageKind kind, CancellationToken cancellationToken)
    {
        var tenantId = await TenantIdAsync(cancellationToken);
        return tenantId is not { } id ? null
            : await db.BrandingImages.AsNoTracking().FirstOrDefaultAsync(i => i.TenantId == id && i.Kind == kind, cancellationToken);
    }

    /// <summary>Saves the texts and colours (colours normalised to <c>#rrggbb</c>; empty values clear a field).</summary>
    public async Task<AdminResult<BrandingDetails>> ChangeAsync(BrandingInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var cleaned = new BrandingInput
        {
            BackgroundColor = FormValue.Trimmed(input.BackgroundColor),
            AccentColor = FormValue.Trimmed(input.AccentColor),
            SignInPageText = FormValue.Trimmed(input.SignInPageText),
            UsernameHint = FormValue.Trimmed(input.UsernameHint),
            DefaultLanguage = FormValue.Trimmed(input.DefaultLanguage),
        };
        if (BrandingRules.Check(cleaned) is { Count: > 0 } errors)
        {
            return new AdminResult<BrandingDetails>.Invalid(errors);
        }

        if (await TenantIdAsync(cancellationToken) is not { } tenantId)
        {
            return new AdminResult<BrandingDetails>.Invalid("", AdminText.TenantMissing);
        }

        var branding = await TrackedAsync(tenantId, cancellationToken);
        branding.BackgroundColor = BrandingRules.Normalize(cleaned.BackgroundColor);
        branding.AccentColor = BrandingRules.Normalize(cleaned.AccentColor);
        branding.SignInPageText = cleaned.SignInPageText;
        branding.UsernameHint = cleaned.UsernameHint;
        branding.DefaultLanguage = Languages.Normalize(cleaned.DefaultLanguage);
        branding.UpdatedAt = time.UtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return new AdminResult<BrandingDetails>.Done(await GetAsync(cancellationToken));
    }

    /// <summary>Stores an image after <see cref="BrandingImageRules.Check"/> accepted it, replacing the previous one.</summary>
    public async Task<AdminResult<BrandingImageDetails>> SetImageAsync(BrandingImageKind kind, byte[] content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (BrandingImageRules.Check(kind, content) is ImageCheck.Refused refused)
        {
            return new AdminResult<BrandingImageDetails>.Invalid(BrandingImageRules.NameOf(kind), refused.Message);
        }

        var accepted = (ImageCheck.Accepted)BrandingImageRules.Check(kind, content);
        if (await TenantIdAsync(cancellationToken) is not { } tenantId)
        {
            return new AdminResult<BrandingImageDetails>.Invalid("", AdminText.TenantMissing);
        }

        var now = time.UtcNow();
        var hash = Convert.ToHexStringLower(SHA256.HashData(content))[..32];
        var image = await db.BrandingImages.FirstOrDefaultAsync(i => i.TenantId == tenantId && i.Kind == kind, cancellationToken);
        if (image is null)
        {
            image = new BrandingImage { TenantId = tenantId, Kind = kind, ContentType = accepted.ContentType, Content = content, Hash = hash };
            db.BrandingImages.Add(image);
        }

        image.ContentType = accepted.ContentType;
        image.Content = content;
        image.Width = accepted.Width;
        image.Height = accepted.Height;
        image.Hash = hash;
        image.UpdatedAt = now;
        (await TrackedAsync(tenantId, cancellationToken)).UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return new AdminResult<BrandingImageDetails>.Done(new BrandingImageDetails(kind, image.ContentType, image.Width, image.Height, content.Length, hash, now));
    }

    /// <summary>Removes an image (the default theme shows none); not found when there is none.</summary>
    public async Task<AdminResult<BrandingImageDetails>> RemoveImageAsync(BrandingImageKind kind, CancellationToken cancellationToken)
    {
        var tenantId = await TenantIdAsync(cancellationToken);
        var image = tenantId is not { } id ? null : await db.BrandingImages.FirstOrDefaultAsync(i => i.TenantId == id && i.Kind == kind, cancellationToken);
        if (image is null)
        {
            return new AdminResult<BrandingImageDetails>.NotFound();
        }

        db.BrandingImages.Remove(image);
        (await TrackedAsync(image.TenantId, cancellationToken)).UpdatedAt = time.UtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return new AdminResult<BrandingImageDetails>.Done(new BrandingImageDetails(kind, image.ContentType, image.Width, image.Height, image.Content.Length, image.Hash, image.UpdatedAt));
    }

    // Once per scope; a change made through this service (TrackedAsync) forgets it, and its save makes this scope read
    // the stamp again (the SaveChanges interceptor), so what the change returns is read afresh.
    private async Task<BrandingSnapshot> SnapshotAsync(CancellationToken cancellationToken)
    {
        if (_snapshot is null)
        {
            var tenantId = await TenantIdAsync(cancellationToken);
            _snapshot = tenantId is not { } id ? BrandingSnapshot.None
                : await cache.Branding.GetOrLoadAsync(await stamp.CurrentAsync(cancellationToken), id, db, static (d, id, ct) => LoadAsync(d, id, ct), cancellationToken) ?? BrandingSnapshot.None;
        }

        return _snapshot;
    }

    // The deployment has one tenant, so one branding row at most.
    private static async Task<BrandingSnapshot?> LoadAsync(IIdPDbContext db, Guid tenantId, CancellationToken cancellationToken)
    {
        var branding = await db.TenantBrandings.AsNoTracking().FirstOrDefaultAsync(b => b.TenantId == tenantId, cancellationToken);
        var images = await db.BrandingImages.AsNoTracking().Where(i => i.TenantId == tenantId)
            .Select(i => new BrandingImageDetails(i.Kind, i.ContentType, i.Width, i.Height, i.Content.Length, i.Hash, i.UpdatedAt))
            .ToListAsync(cancellationToken);
        return new BrandingSnapshot(branding?.DefaultLanguage, new BrandingDetails(branding?.BackgroundColor, branding?.AccentColor, branding?.SignInPageText, branding?.UsernameHint, branding?.UpdatedAt)
        {
            DefaultLanguage = branding?.DefaultLanguage ?? Languages.Default,
            BannerLogo = images.FirstOrDefault(i => i.Kind == BrandingImageKind.BannerLogo),
            SquareLogo = images.FirstOrDefault(i => i.Kind == BrandingImageKind.SquareLogo),
            BackgroundImage = images.FirstOrDefault(i => i.Kind == BrandingImageKind.BackgroundImage),
        });
    }

    private async Task<TenantBranding> TrackedAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        _snapshot = null;
        var branding = db.TenantBrandings.Local.FirstOrDefault(b => b.TenantId == tenantId)
            ?? await db.TenantBrandings.FirstOrDefaultAsync(b => b.TenantId == tenantId, cancellationToken);
        if (branding is null)
        {
            branding = new TenantBranding { TenantId = tenantId, UpdatedAt = time.UtcNow() };
            db.TenantBrandings.Add(branding);
        }

        return branding;
    }

    private async Task<Guid?> TenantIdAsync(CancellationToken cancellationToken) =>
        (await tenants.GetAsync(cancellationToken))?.Id;
}

/// <summary>The tenant's branding as pages and administrators read it.</summary>
/// <param name="BackgroundColor">Page background colour (<c>#rrggbb</c>), or null for the default.</param>
/// <param name="AccentColor">Accent colour (<c>#rrggbb</c>), or null for the default.</param>
/// <param name="SignInPageText">The sign-in page text as typed (markdown subset); pages render it with <see cref="SignInPageText.ToHtml"/>.</param>
/// <param name="UsernameHint">The sign-in name field's placeholder, or null for the default.</param>
/// <param name="UpdatedAt">When it last changed; null when never saved.</param>
public sealed record BrandingDetails(string? BackgroundColor, string? AccentColor, string? SignInPageText, string? UsernameHint, DateTimeOffset? UpdatedAt)
{
    /// <summary>No branding: the default theme.</summary>
    public static BrandingDetails Default { get; } = new(null, null, null, null, null);

    /// <summary>The language of pages and emails when neither the app nor the browser asks for a supported one.</summary>
    public string DefaultLanguage { get; init; } = Languages.Default;

    /// <summary>The banner logo, if uploaded.</summary>
    public BrandingImageDetails? BannerLogo { get; init; }

    /// <summary>The square logo, if uploaded.</summary>
    public BrandingImageDetails? SquareLogo { get; init; }

    /// <summary>The background image, if uploaded.</summary>
    public BrandingImageDetails? BackgroundImage { get; init; }

    /// <summary>The images that are uploaded.</summary>
    public IEnumerable<BrandingImageDetails> Images => new[] { BannerLogo, SquareLogo, BackgroundImage }.OfType<BrandingImageDetails>();
}

/// <summary>An uploaded image, without its bytes.</summary>
/// <param name="Kind">Which image.</param>
/// <param name="ContentType">Its media type.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Bytes">Its size in bytes.</param>
/// <param name="Hash">Its content hash (ETag and URL version).</param>
/// <param name="UpdatedAt">When it was uploaded.</param>
public sealed record BrandingImageDetails(BrandingImageKind Kind, string ContentType, int Width, int Height, int Bytes, string Hash, DateTimeOffset UpdatedAt);
