namespace IdP.Server.Admin.Api;

/// <summary>
/// <c>/admin/api/branding</c>: company branding. <c>GET</c>/<c>PUT</c> the colours and texts; <c>PUT</c> an image's
/// bytes to <c>/branding/{image}</c> (banner-logo, square-logo, background-image) as the body (its media type, or
/// <c>multipart/form-data</c> with one file), <c>DELETE</c> it to return to the default.
/// </summary>
internal static class BrandingApi
{
    private const string ImageTypes = "image/png, image/jpeg, image/gif or image/svg+xml";

    public static RouteGroupBuilder MapBranding(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/branding").WithTags("Branding");
        group.MapGet("/", GetAsync).WithSummary("Gets the company branding: colours, texts and the uploaded images (with their addresses).");
        group.MapPut("/", ChangeAsync).Accepts<BrandingInput>("application/json")
            .WithSummary("Sets the colours and texts; a missing or empty field returns to the default theme's. Pages show the change at once.");
        group.MapPut("/{image}", UploadAsync).Accepts<byte[]>("image/png", "image/jpeg", "image/gif", "image/svg+xml", "multipart/form-data")
            .WithSummary("Uploads an image (banner-logo ≤ 280×60 px and 10 KB; square-logo ≤ 240×240 px and 50 KB; background-image ≤ 1920×1080 px and 300 KB). "
                + "PNG, JPEG, GIF or SVG without script; the body is the file, or multipart/form-data with one file.");
        group.MapDelete("/{image}", RemoveAsync).WithSummary("Removes an image.");
        group.MapGet("/strings/{language}", StringsAsync)
            .WithSummary("Lists every page and email string of a language (en, fr): its key, the built-in English text and the tenant's override.");
        group.MapPut("/strings/{language}", SetStringsAsync).Accepts<Dictionary<string, string?>>("application/json")
            .WithSummary("Replaces the tenant's overrides of a language with the body's {\"key\": \"text\"} pairs; an override keeps the built-in text's placeholders.");
        return api;
    }

    private static async Task<BrandingDocument> GetAsync(BrandingAdministration branding, TenantService tenants, CancellationToken cancellationToken) =>
        BrandingDocument.From(await branding.GetAsync(cancellationToken), await TenantNameAsync(tenants, cancellationToken));

    private static async Task<Results<Ok<BrandingDocument>, NotFound, ValidationProblem>> ChangeAsync(JsonBody<BrandingInput> body, BrandingAdministration branding, TenantService tenants, HttpContext context, CancellationToken cancellationToken)
    {
        var name = await TenantNameAsync(tenants, cancellationToken);
        return AdminProblems.Ok(await branding.ChangeAsync(body.Value, context.User.Actor(), cancellationToken), details => BrandingDocument.From(details, name));
    }

    private static async Task<Results<Ok<BrandingImageDocument>, NotFound, ValidationProblem>> UploadAsync(string image, BrandingAdministration branding, TenantService tenants, HttpContext context, CancellationToken cancellationToken)
    {
        if (BrandingImageRules.Parse(image) is not { } kind)
        {
            return TypedResults.NotFound();
        }

        var limits = BrandingImageRules.LimitsOf(kind);
        var content = await ReadImageAsync(context, BrandingImageRules.NameOf(kind), limits.MaxBytes);
        if (content is Upload.Refused refused)
        {
            return AdminProblems.Validation([new FieldError(BrandingImageRules.NameOf(kind), refused.Message)]);
        }

        var name = await TenantNameAsync(tenants, cancellationToken);
        var bytes = ((Upload.Read)content).Bytes;
        return AdminProblems.Ok(await branding.SetImageAsync(kind, bytes, context.User.Actor(), cancellationToken), details => BrandingImageDocument.From(details, name));
    }

    private static async Task<Results<NoContent, NotFound, ValidationProblem>> RemoveAsync(string image, BrandingAdministration branding, HttpContext context, CancellationToken cancellationToken) =>
        BrandingImageRules.Parse(image) is { } kind
            ? AdminProblems.NoContent(await branding.RemoveImageAsync(kind, context.User.Actor(), cancellationToken))
            : TypedResults.NotFound();

    private static async Task<Results<Ok<IReadOnlyList<StringEntry>>, NotFound, ValidationProblem>> StringsAsync(string language, BrandingAdministration branding, CancellationToken cancellationToken) =>
        AdminProblems.Ok(await branding.StringsAsync(language, cancellationToken));

    private static async Task<Results<Ok<IReadOnlyList<StringEntry>>, NotFound, ValidationProblem>> SetStringsAsync(string language, JsonBody<Dictionary<string, string?>> body, BrandingAdministration branding, HttpContext context, CancellationToken cancellationToken) =>
        AdminProblems.Ok(await branding.SetStringsAsync(language, body.Value, context.User.Actor(), cancellationToken));

    private static async Task<string> TenantNameAsync(TenantService tenants, CancellationToken cancellationToken) =>
        (await tenants.GetAsync(cancellationToken))?.Name ?? "";

    // The file as the body, or the one file of a multipart form (what an HTML form or curl -F sends).
    private static async Task<Upload> ReadImageAsync(HttpContext context, string image, int limit)
    {
        var tooLarge = string.Create(CultureInfo.InvariantCulture, $"The {image} is larger than {limit:N0} bytes; it may be at most {limit:N0} bytes.");
        if (context.Request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await context.Request.ReadFormAsync(context.RequestAborted);
            }
            catch (Exception exception) when (exception is InvalidDataException or BadHttpRequestException or IOException)
            {
                return new Upload.Refused("The multipart form could not be read.");
            }

            if (form.Files.Count != 1)
            {
                return new Upload.Refused("Send exactly one file.");
            }

            var file = form.Files[0];
            if (file.Length > limit)
            {
                return new Upload.Refused(tooLarge);
            }

            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, context.RequestAborted);
            return new Upload.Read(buffer.ToArray());
        }

        if (context.Request.ContentType is null)
        {
            return new Upload.Refused($"Send the image as the body with its Content-Type ({ImageTypes}), or as multipart/form-data.");
        }

        return await RequestBody.ReadAsync(context, limit) is { } bytes ? new Upload.Read(bytes) : new Upload.Refused(tooLarge);
    }

    private abstract record Upload
    {
        public sealed record Read(byte[] Bytes) : Upload;

        public sealed record Refused(string Message) : Upload;
    }
}

/// <summary>Company branding as the admin API shows it.</summary>
public sealed record BrandingDocument(string? BackgroundColor, string? AccentColor, string? SignInPageText, string? UsernameHint, string DefaultLanguage, DateTimeOffset? UpdatedAt,
    BrandingImageDocument? BannerLogo, BrandingImageDocument? SquareLogo, BrandingImageDocument? BackgroundImage)
{
    public static BrandingDocument From(BrandingDetails details, string tenantName)
    {
        ArgumentNullException.ThrowIfNull(details);
        return new(details.BackgroundColor, details.AccentColor, details.SignInPageText, details.UsernameHint, details.DefaultLanguage, details.UpdatedAt,
            BrandingImageDocument.Of(details.BannerLogo, tenantName), BrandingImageDocument.Of(details.SquareLogo, tenantName), BrandingImageDocument.Of(details.BackgroundImage, tenantName));
    }
}

/// <summary>An uploaded image as the admin API shows it: where pages load it from, its type and size.</summary>
public sealed record BrandingImageDocument(string Image, string Url, string ContentType, int Width, int Height, int Bytes, string ETag, DateTimeOffset UpdatedAt)
{
    public static BrandingImageDocument From(BrandingImageDetails image, string tenantName)
    {
        ArgumentNullException.ThrowIfNull(image);
        return new(BrandingImageRules.NameOf(image.Kind), BrandingEndpoints.ImageUrl(tenantName, image), image.ContentType, image.Width, image.Height, image.Bytes, $"\"{image.Hash}\"", image.UpdatedAt);
    }

    public static BrandingImageDocument? Of(BrandingImageDetails? image, string tenantName) => image is null ? null : From(image, tenantName);
}
