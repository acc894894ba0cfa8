namespace IdP.Server.Admin.Portal;

/// <summary>
/// <c>/admin/branding</c>: Azure AD's "Company branding" blade: colours, sign-in page text, username hint, default
/// language and the three images, with a live preview of the sign-in page. Every rule and message is the core's
/// (<see cref="BrandingRules"/>, <see cref="BrandingImageRules"/>, <see cref="SignInPageText"/>), and every change is
/// audited by <see cref="BrandingAdministration"/>, as through the admin API.
/// </summary>
/// <remarks>
/// Save checks everything before it stores anything: the chosen images first (the core's own check, which the store
/// repeats), then the texts and colours, which the core refuses whole; only then are the images stored or removed. So a
/// refused field never leaves half a change behind.
/// </remarks>
public sealed class CompanyBrandingModel(BrandingAdministration branding, TenantService tenants, IStringLocalizer<PortalText> text) : PortalPageModel
{
    /// <summary>The longest text the preview renders (the page refuses more than <see cref="SignInPageText.MaxLength"/> on Save anyway).</summary>
    public const int PreviewMaxLength = 4 * SignInPageText.MaxLength;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>The branding as stored.</summary>
    public BrandingDetails Current { get; private set; } = BrandingDetails.Default;

    /// <summary>The tenant's name as the addresses of its images carry it.</summary>
    public string TenantName { get; private set; } = "";

    /// <summary>The organisation's name (the banner without a logo).</summary>
    public string TenantDisplayName { get; private set; } = "";

    /// <summary>The fields of the three images, in the order the page shows them.</summary>
    public static IReadOnlyList<ImageField> ImageFields { get; } =
    [
        new(BrandingImageKind.BannerLogo, "bannerLogo", "BrandingBannerLogo", "BrandingBannerLogoHelp"),
        new(BrandingImageKind.SquareLogo, "squareLogo", "BrandingSquareLogo", "BrandingSquareLogoHelp"),
        new(BrandingImageKind.BackgroundImage, "backgroundImage", "BrandingBackgroundImage", "BrandingBackgroundImageHelp"),
    ];

    // Images chosen on the administrator's machine are previewed from blob: addresses (an image, never a document, so
    // even an SVG runs nothing there); the preview fetches the sanitised sign-in page text from this page (connect-src).
    protected override string ContentSecurityPolicy =>
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public async Task OnGetAsync()
    {
        await LoadAsync();
        Input = new InputModel
        {
            BackgroundColor = Current.BackgroundColor,
            AccentColor = Current.AccentColor,
            SignInPageText = Current.SignInPageText,
            UsernameHint = Current.UsernameHint,
            DefaultLanguage = Current.DefaultLanguage,
        };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        var uploads = new List<(BrandingImageKind Kind, byte[] Content)>();
        foreach (var field in ImageFields)
        {
            if (Input.FileOf(field.Kind) is not { Length: > 0 } file)
            {
                continue;
            }

            var content = await ReadAsync(file);
            if (BrandingImageRules.Check(field.Kind, content) is ImageCheck.Refused refused)
            {
                ModelState.AddModelError(ImageKey(field.Kind), refused.Message);
            }
            else
            {
                uploads.Add((field.Kind, content));
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var input = new BrandingInput
        {
            BackgroundColor = Input.BackgroundColor,
            AccentColor = Input.AccentColor,
            SignInPageText = Input.SignInPageText,
            UsernameHint = Input.UsernameHint,
            DefaultLanguage = Input.DefaultLanguage,
        };
        if (await branding.ChangeAsync(input, Actor, Aborted) is AdminResult<BrandingDetails>.Invalid invalid)
        {
            AddErrors(invalid.Errors);
            return Page();
        }

        foreach (var (kind, content) in uploads)
        {
            if (await branding.SetImageAsync(kind, content, Actor, Aborted) is AdminResult<BrandingImageDetails>.Invalid refused)
            {
                AddErrors(refused.Errors, new Dictionary<string, string> { [BrandingImageRules.NameOf(kind)] = ImageKey(kind) });
                await LoadAsync();
                return Page();
            }
        }

        foreach (var field in ImageFields)
        {
            // A new file replaces the image; Remove only means something without one.
            if (Input.RemoveOf(field.Kind) && !uploads.Any(u => u.Kind == field.Kind))
            {
                await branding.RemoveImageAsync(field.Kind, Actor, Aborted);
            }
        }

        Notice = text["BrandingSaved"];
        return RedirectToPage();
    }

    /// <summary>
    /// The sign-in page text as the sign-in page will show it, for the live preview: rendered and sanitised by the core
    /// (<see cref="SignInPageText.ToHtml"/>), never the typed HTML. A POST with the antiforgery token, for administrators
    /// only like the page, answered as JSON (which no browser renders as a page).
    /// </summary>
    public IActionResult OnPostPreviewText([FromForm] string? markdown)
    {
        if (markdown is { Length: > PreviewMaxLength })
        {
            return BadRequest();
        }

        return new JsonResult(new { html = SignInPageText.ToHtml(markdown) });
    }

    /// <summary>The ModelState key (and posted name) of an image's file field.</summary>
    public static string ImageKey(BrandingImageKind kind) => "Input." + kind;

    /// <summary>The stored image of a kind, or null.</summary>
    public BrandingImageDetails? ImageOf(BrandingImageKind kind) => kind switch
    {
        BrandingImageKind.BannerLogo => Current.BannerLogo,
        BrandingImageKind.SquareLogo => Current.SquareLogo,
        _ => Current.BackgroundImage,
    };

    /// <summary>Where the stored image of a kind is served from, or null.</summary>
    public string? ImageUrlOf(BrandingImageKind kind) => ImageOf(kind) is { } image ? BrandingEndpoints.ImageUrl(TenantName, image) : null;

    private async Task LoadAsync()
    {
        Current = await branding.GetAsync(Aborted);
        var tenant = await tenants.GetAsync(Aborted);
        TenantName = tenant?.Name ?? "";
        TenantDisplayName = tenant?.DisplayName ?? "";
    }

    // The form is already buffered by ASP.NET Core (within Kestrel's request size limit); the core's check says how
    // large the file is and what is allowed, so it gets the whole file.
    private async Task<byte[]> ReadAsync(IFormFile file)
    {
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, Aborted);
        return buffer.ToArray();
    }

    /// <summary>One image's field: its kind, the id of its file input, its label and help texts.</summary>
    public sealed record ImageField(BrandingImageKind Kind, string Id, string Label, string Help);

    [ErrorMessagesFrom(typeof(PortalText))]
    public sealed class InputModel
    {
        public string? BackgroundColor { get; set; }

        public string? AccentColor { get; set; }

        public string? SignInPageText { get; set; }

        public string? UsernameHint { get; set; }

        public string? DefaultLanguage { get; set; }

        public IFormFile? BannerLogo { get; set; }

        public IFormFile? SquareLogo { get; set; }

        public IFormFile? BackgroundImage { get; set; }

        public bool RemoveBannerLogo { get; set; }

        public bool RemoveSquareLogo { get; set; }

        public bool RemoveBackgroundImage { get; set; }

        public IFormFile? FileOf(BrandingImageKind kind) => kind switch
        {
            BrandingImageKind.BannerLogo => BannerLogo,
            BrandingImageKind.SquareLogo => SquareLogo,
            _ => BackgroundImage,
        };

        public bool RemoveOf(BrandingImageKind kind) => kind switch
        {
            BrandingImageKind.BannerLogo => RemoveBannerLogo,
            BrandingImageKind.SquareLogo => RemoveSquareLogo,
            _ => RemoveBackgroundImage,
        };
    }
}
