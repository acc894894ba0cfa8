namespace IdP.Server.Admin.Portal;

/// <summary>
/// Base of the portal's pages: never cached, framed or allowed to load anything but our own script and style; the
/// tenant's name for the banner; the administrator as the audit log names them; the core's field errors turned into
/// ModelState errors next to the fields; a notice carried over the redirect after a change (post/redirect/get).
/// </summary>
public abstract class PortalPageModel : PageModel
{
    /// <summary>The message shown once after a change (TempData survives the redirect).</summary>
    [TempData]
    public string? Notice { get; set; }

    /// <summary>Who is signed in, as the banner shows it.</summary>
    public string AdministratorName => User.FindFirst("name")?.Value ?? User.FindFirst("emails")?.Value ?? User.FindFirst("sub")?.Value ?? "";

    /// <summary>The administrator as the audit log's actor: the portal and the account id.</summary>
    protected string Actor => $"{PortalApplication.ClientId}:{User.FindFirst("sub")?.Value}";

    /// <summary>The signed-in administrator's account id.</summary>
    protected Guid AdministratorId => Guid.TryParse(User.FindFirst("sub")?.Value, out var id) ? id : Guid.Empty;

    protected CancellationToken Aborted => HttpContext.RequestAborted;

    /// <summary>
    /// What the page may load: our own script, style and images, nothing inline, no framing. A page that needs more
    /// (the branding preview shows images picked on the administrator's machine) widens it for itself only.
    /// </summary>
    protected virtual string ContentSecurityPolicy =>
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var headers = Response.Headers;
        headers.CacheControl = "no-store";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        var tenant = await HttpContext.RequestServices.GetRequiredService<TenantService>().GetAsync(Aborted);
        ViewData["TenantDisplayName"] = tenant?.DisplayName;
        await next();
    }

    /// <summary>
    /// Puts the core's errors next to the fields: an error on <c>displayName</c> goes to <c>Input.DisplayName</c> (one on
    /// <c>redirectUris[1]</c> to <c>Input.RedirectUris</c>), unless
    /// <paramref name="fields"/> names another key; errors on no field, or on fields the form does not have, go on top.
    /// </summary>
    protected void AddErrors(IEnumerable<FieldError> errors, IReadOnlyDictionary<string, string>? fields = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var error in errors)
        {
            var key = fields?.GetValueOrDefault(error.Field) ?? InputKey(error.Field);
            ModelState.AddModelError(key is not null && HasField(key) ? key : string.Empty, error.Message);
        }
    }

    /// <summary>
    /// The answer to a change, the same on every portal page: done, a notice carried over the redirect
    /// (post/redirect/get); refused, the core's errors next to the fields (see <see cref="AddErrors"/>) and the form
    /// again, as <paramref name="showAgain"/> prepares it; gone, the 404 page.
    /// </summary>
    protected async Task<IActionResult> AnswerAsync<T>(
        AdminResult<T> result, Func<T, string> notice, Func<T, IActionResult> redirect, Func<Task> showAgain, IReadOnlyDictionary<string, string>? fields = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(redirect);
        ArgumentNullException.ThrowIfNull(showAgain);
        switch (result)
        {
            case AdminResult<T>.Done done:
                Notice = notice(done.Value);
                return redirect(done.Value);
            case AdminResult<T>.Invalid invalid:
                AddErrors(invalid.Errors, fields);
                await showAgain();
                return Page();
            default:
                return NotFoundPage();
        }
    }

    /// <summary>The 404 page for something that does not exist (any more).</summary>
    protected IActionResult NotFoundPage()
    {
        var errors = HttpContext.RequestServices.GetRequiredService<IStringLocalizer<ErrorText>>();
        return ErrorPage.View(ErrorPage.Model(HttpContext, errors["NotFoundTitle"], errors["NotFoundMessage"]), StatusCodes.Status404NotFound);
    }

    /// <summary>Whether the posted form had a field of this key (so an error can stand next to it).</summary>
    private bool HasField(string key) => ModelState.ContainsKey(key) || Request.HasFormContentType && Request.Form.ContainsKey(key);

    // "redirectUris[2]" and "apiScopes[0].name" stand next to the list they are in.
    private static string? InputKey(string field)
    {
        var name = field.Split('[', '.')[0];
        return name.Length == 0 ? null : "Input." + char.ToUpperInvariant(name[0]) + name[1..];
    }
}
